namespace Dps.Coap.Tests.Model;

public sealed class CoapCodeTests
{
    [TestCase(0x00, 0, 0, "0.00")]
    [TestCase(0x01, 0, 1, "0.01")]
    [TestCase(0x45, 2, 5, "2.05")]
    [TestCase(0x5F, 2, 31, "2.31")]
    [TestCase(0x84, 4, 4, "4.04")]
    [TestCase(0x96, 4, 22, "4.22")]
    [TestCase(0xA0, 5, 0, "5.00")]
    [TestCase(0xE1, 7, 1, "7.01")]
    [TestCase(0xFF, 7, 31, "7.31")]
    public void Value_SplitsIntoClassAndDetail(int value, int codeClass, int detail, string text)
    {
        var code = new CoapCode((byte)value);

        Assert.Multiple(() =>
        {
            Assert.That(code.Class, Is.EqualTo(codeClass));
            Assert.That(code.Detail, Is.EqualTo(detail));
            Assert.That(code.ToString(), Is.EqualTo(text));
            Assert.That(new CoapCode(codeClass, detail), Is.EqualTo(code));
        });
    }

    [TestCase(-1, 0)]
    [TestCase(8, 0)]
    [TestCase(2, -1)]
    [TestCase(2, 32)]
    public void Constructor_ClassOrDetailOutOfRange_Throws(int codeClass, int detail)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new CoapCode(codeClass, detail));
    }

    [Test]
    public void Name_KnownCodes_AreTheRfcNames()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CoapCode.Empty.Name, Is.EqualTo("Empty"));
            Assert.That(CoapCode.Get.Name, Is.EqualTo("GET"));
            Assert.That(CoapCode.Post.Name, Is.EqualTo("POST"));
            Assert.That(CoapCode.IPatch.Name, Is.EqualTo("iPATCH"));
            Assert.That(CoapCode.Content.Name, Is.EqualTo("Content"));
            Assert.That(CoapCode.Changed.Name, Is.EqualTo("Changed"));
            Assert.That(CoapCode.Continue.Name, Is.EqualTo("Continue"));
            Assert.That(CoapCode.NotFound.Name, Is.EqualTo("Not Found"));
            Assert.That(CoapCode.UnsupportedContentFormat.Name, Is.EqualTo("Unsupported Content-Format"));
            Assert.That(CoapCode.ServiceUnavailable.Name, Is.EqualTo("Service Unavailable"));
            Assert.That(CoapCode.Csm.Name, Is.EqualTo("CSM"));
            Assert.That(CoapCode.Ping.Name, Is.EqualTo("Ping"));
            Assert.That(CoapCode.Pong.Name, Is.EqualTo("Pong"));
            Assert.That(CoapCode.Release.Name, Is.EqualTo("Release"));
            Assert.That(CoapCode.Abort.Name, Is.EqualTo("Abort"));
        });
    }

    [TestCase(0x08)]
    [TestCase(0x46)]
    [TestCase(0x87)]
    [TestCase(0xE0)]
    [TestCase(0xE6)]
    public void Name_UnassignedCode_IsNull(int value)
    {
        Assert.That(new CoapCode((byte)value).Name, Is.Null);
    }

    [Test]
    public void NamedCodes_HaveTheRfcValues()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CoapCode.Get.Value, Is.EqualTo(0x01));
            Assert.That(CoapCode.Delete.Value, Is.EqualTo(0x04));
            Assert.That(CoapCode.Fetch.Value, Is.EqualTo(0x05));
            Assert.That(CoapCode.Created.Value, Is.EqualTo(0x41));
            Assert.That(CoapCode.Content.Value, Is.EqualTo(0x45));
            Assert.That(CoapCode.BadRequest.Value, Is.EqualTo(0x80));
            Assert.That(CoapCode.Unauthorized.Value, Is.EqualTo(0x81));
            Assert.That(CoapCode.RequestEntityTooLarge.Value, Is.EqualTo(0x8D));
            Assert.That(CoapCode.TooManyRequests.Value, Is.EqualTo(0x9D));
            Assert.That(CoapCode.InternalServerError.Value, Is.EqualTo(0xA0));
            Assert.That(CoapCode.HopLimitReached.Value, Is.EqualTo(0xA8));
            Assert.That(CoapCode.Csm.Value, Is.EqualTo(0xE1));
            Assert.That(CoapCode.Abort.Value, Is.EqualTo(0xE5));
        });
    }

    // value, empty, request, response, success, error, signaling
    [TestCase(0x00, true, false, false, false, false, false)]
    [TestCase(0x01, false, true, false, false, false, false)]
    [TestCase(0x1F, false, true, false, false, false, false)]
    [TestCase(0x20, false, false, false, false, false, false)]
    [TestCase(0x44, false, false, true, true, false, false)]
    [TestCase(0x84, false, false, true, false, true, false)]
    [TestCase(0xA3, false, false, true, false, true, false)]
    [TestCase(0x60, false, false, false, false, false, false)]
    [TestCase(0xE2, false, false, false, false, false, true)]
    public void Classification_FollowsTheClass(
        int value, bool empty, bool request, bool response, bool success, bool error, bool signaling)
    {
        var code = new CoapCode((byte)value);

        Assert.Multiple(() =>
        {
            Assert.That(code.IsEmpty, Is.EqualTo(empty), nameof(code.IsEmpty));
            Assert.That(code.IsRequest, Is.EqualTo(request), nameof(code.IsRequest));
            Assert.That(code.IsResponse, Is.EqualTo(response), nameof(code.IsResponse));
            Assert.That(code.IsSuccess, Is.EqualTo(success), nameof(code.IsSuccess));
            Assert.That(code.IsError, Is.EqualTo(error), nameof(code.IsError));
            Assert.That(code.IsSignaling, Is.EqualTo(signaling), nameof(code.IsSignaling));
        });
    }

    [Test]
    public void Equality_ComparesTheWireByte()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CoapCode.Content == new CoapCode(0x45), Is.True);
            Assert.That(CoapCode.Content != CoapCode.Changed, Is.True);
            Assert.That(CoapCode.Content.Equals((object)new CoapCode(2, 5)), Is.True);
            Assert.That(CoapCode.Content.Equals("2.05"), Is.False);
            Assert.That(CoapCode.Content.GetHashCode(), Is.EqualTo(new CoapCode(0x45).GetHashCode()));
        });
    }
}
