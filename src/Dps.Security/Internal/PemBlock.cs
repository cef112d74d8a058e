namespace Dps.Security.Internal;

/// <summary>One decoded PEM block: its label (e.g. <c>CERTIFICATE</c>) and its DER bytes.</summary>
internal readonly record struct PemBlock(string Label, byte[] Der);
