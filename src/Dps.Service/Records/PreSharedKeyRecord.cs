namespace Dps.Service.Records;

/// <summary>The pre-shared key handed out (the plgd record keeps it; never log it).</summary>
/// <param name="SubjectId">The PSK subject (owner UUID).</param>
/// <param name="Key">The key handed out (first 16 bytes), base64.</param>
internal sealed record PreSharedKeyRecord(string SubjectId, string Key);
