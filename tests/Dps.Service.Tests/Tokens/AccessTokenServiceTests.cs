using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Dps.Service.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace Dps.Service.Tests.Tokens;

public class AccessTokenServiceTests
{
    private ECDsa _key = null!;
    private FakeTimeProvider _time = null!;
    private AccessTokenService _service = null!;

    [SetUp]
    public void SetUp()
    {
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        _service = new AccessTokenService(
            _key,
            new AccessTokenOptions { Issuer = "https://dps.test", OwnerClaim = "https://plgd.dev/owner", DeviceIdClaim = "https://plgd.dev/deviceId" },
            _time);
    }

    [TearDown]
    public void TearDown() => _key.Dispose();

    [Test]
    public void Validate_FreshToken_ReturnsClaims()
    {
        var token = _service.Issue("1", "1640915f-d3f0-44ce-54bb-5bff4d0ed8a7", TimeSpan.FromHours(1));

        var result = _service.Validate(token);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.True, result.ToString());
            Assert.That(result.Claims!.Owner, Is.EqualTo("1"));
            Assert.That(result.Claims.DeviceId, Is.EqualTo("1640915f-d3f0-44ce-54bb-5bff4d0ed8a7"));
            Assert.That(result.Claims.Issuer, Is.EqualTo("https://dps.test"));
            Assert.That(result.Claims.IssuedAt, Is.EqualTo(_time.GetUtcNow()));
            Assert.That(result.Claims.ExpiresAt, Is.EqualTo(_time.GetUtcNow().AddHours(1)));
            Assert.That(result.Claims.TokenId, Is.Not.Empty);
        });
    }

    [Test]
    public void Issue_Header_IsEs256Jwt()
    {
        var token = _service.Issue("1", null, TimeSpan.FromMinutes(5));
        var header = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.Split('.')[0]));

        Assert.That(header, Is.EqualTo("{\"alg\":\"ES256\",\"typ\":\"JWT\"}"));
    }

    [Test]
    public void Validate_AfterExpiry_ReturnsExpiredWithClaims()
    {
        var token = _service.Issue("1", null, TimeSpan.FromMinutes(5));
        _time.Advance(TimeSpan.FromMinutes(5));

        var result = _service.Validate(token);

        Assert.Multiple(() =>
        {
            Assert.That(result.Error, Is.EqualTo(AccessTokenError.Expired));
            Assert.That(result.Claims?.Owner, Is.EqualTo("1"));
        });
    }

    [Test]
    public void Validate_JustBeforeExpiry_IsValid()
    {
        var token = _service.Issue("1", null, TimeSpan.FromMinutes(5));
        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));

        Assert.That(_service.Validate(token).IsValid, Is.True);
    }

    [Test]
    public void Validate_TamperedPayload_ReturnsInvalidSignature()
    {
        var token = _service.Issue("1", null, TimeSpan.FromMinutes(5));
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("\"sub\":\"1\"", "\"sub\":\"2\"", StringComparison.Ordinal);
        var tampered = parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload)) + "." + parts[2];

        Assert.That(_service.Validate(tampered).Error, Is.EqualTo(AccessTokenError.InvalidSignature));
    }

    [Test]
    public void Validate_TokenOfOtherKey_ReturnsInvalidSignature()
    {
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var other = new AccessTokenService(otherKey, _service.Options, _time);

        Assert.That(_service.Validate(other.Issue("1", null, TimeSpan.FromMinutes(5))).Error, Is.EqualTo(AccessTokenError.InvalidSignature));
    }

    [Test]
    public void Validate_OtherIssuer_ReturnsWrongIssuer()
    {
        var other = new AccessTokenService(_key, new AccessTokenOptions { Issuer = "other", OwnerClaim = _service.Options.OwnerClaim }, _time);

        Assert.That(_service.Validate(other.Issue("1", null, TimeSpan.FromMinutes(5))).Error, Is.EqualTo(AccessTokenError.WrongIssuer));
    }

    [Test]
    public void Validate_OwnerClaimMissing_ReturnsMissingClaim()
    {
        var other = new AccessTokenService(_key, new AccessTokenOptions { Issuer = "https://dps.test", OwnerClaim = "sub" }, _time);

        Assert.That(_service.Validate(other.Issue("1", null, TimeSpan.FromMinutes(5))).Error, Is.EqualTo(AccessTokenError.MissingClaim));
    }

    [Test]
    public void Validate_AlgNone_ReturnsUnsupportedAlgorithm()
    {
        var parts = _service.Issue("1", null, TimeSpan.FromMinutes(5)).Split('.');
        var none = Base64Url.EncodeToString("{\"alg\":\"none\"}"u8) + "." + parts[1] + "." + parts[2];

        Assert.That(_service.Validate(none).Error, Is.EqualTo(AccessTokenError.UnsupportedAlgorithm));
    }

    [TestCase("")]
    [TestCase(null)]
    [TestCase("abc")]
    [TestCase("a.b")]
    [TestCase("a.b.c.d")]
    [TestCase("..")]
    [TestCase("!!.??.**")]
    [TestCase("e30.e30.")]
    [TestCase("bm90anNvbg.e30.AAAA")]
    public void Validate_Garbage_ReturnsMalformed(string? token)
    {
        Assert.That(_service.Validate(token).Error, Is.EqualTo(AccessTokenError.Malformed));
    }

    [Test]
    public void Validate_ValidSignatureOverNonJsonPayload_ReturnsMalformed()
    {
        var header = Base64Url.EncodeToString("{\"alg\":\"ES256\"}"u8);
        var payload = Base64Url.EncodeToString("[1,2"u8);
        var signature = _key.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256);

        Assert.That(_service.Validate(header + "." + payload + "." + Base64Url.EncodeToString(signature)).Error, Is.EqualTo(AccessTokenError.Malformed));
    }

    [TestCase("nistP256", "ES256", 64)]
    [TestCase("nistP384", "ES384", 96)]
    [TestCase("nistP521", "ES512", 132)]
    public void Issue_KeyCurve_SignsWithItsAlgorithmAndValidates(string curve, string algorithm, int signatureLength)
    {
        using var key = ECDsa.Create(ECCurve.CreateFromFriendlyName(curve));
        var service = new AccessTokenService(key, new AccessTokenOptions { Issuer = "https://dps.test", OwnerClaim = "sub" }, _time);

        var token = service.Issue("1", null, TimeSpan.FromHours(1));
        var parts = token.Split('.');

        Assert.Multiple(() =>
        {
            Assert.That(service.Algorithm, Is.EqualTo(algorithm));
            Assert.That(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0])), Is.EqualTo($"{{\"alg\":\"{algorithm}\",\"typ\":\"JWT\"}}"));
            Assert.That(Base64Url.DecodeFromChars(parts[2]), Has.Length.EqualTo(signatureLength));
            Assert.That(service.Validate(token).IsValid, Is.True);
        });
    }

    [Test]
    public void Validate_Es256TokenAtAnEs384Service_RejectsTheAlgorithm()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var es384 = new AccessTokenService(p384, _service.Options, _time);

        var result = es384.Validate(_service.Issue("1", null, TimeSpan.FromHours(1)));

        Assert.That(result.Error, Is.EqualTo(AccessTokenError.UnsupportedAlgorithm));
    }

    [Test]
    public void Constructor_KeyOnACurveWithoutJwsAlgorithm_ThrowsNamingTheCurve()
    {
        using var k1 = ECDsa.Create(ECCurve.CreateFromFriendlyName("secp256k1"));

        Assert.Multiple(() =>
        {
            Assert.That(AccessTokenService.AlgorithmFor(k1), Is.Null);
            Assert.That(() => new AccessTokenService(k1, new AccessTokenOptions(), _time), Throws.ArgumentException.With.Message.Contains("secP256k1").IgnoreCase);
        });
    }
}
