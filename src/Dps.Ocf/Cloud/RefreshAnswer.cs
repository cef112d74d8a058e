namespace Dps.Ocf.Cloud;

/// <summary>A parsed token refresh answer.</summary>
internal readonly record struct RefreshAnswer(string AccessToken, string RefreshToken, long ExpiresIn);
