namespace Dps.Ocf.Cloud;

/// <summary>A parsed sign-up answer.</summary>
internal readonly record struct SignUpAnswer(string AccessToken, string RefreshToken, string Uid, long ExpiresIn, string RedirectUri);
