namespace Dps.Coap.Tests.Model;

public sealed class CoapOptionsTests
{
    [Test]
    public void Parse_ValidRegion_EnumeratesEveryOption()
    {
        var options = CoapOptions.Parse(Convert.FromHexString("b3617069027631622710e206e30800"));

        var read = new List<string>();
        foreach (var option in options)
        {
            read.Add($"{option.Number}={Convert.ToHexStringLower(option.Value.Span)}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.EqualTo(new[] { "11=617069", "11=7631", "17=2710", "2049=0800" }));
            Assert.That(options.Count, Is.EqualTo(4));
            Assert.That(options.IsEmpty, Is.False);
        });
    }

    [TestCase("ff01")]
    [TestCase("b161ff")]
    [TestCase("f1")]
    [TestCase("036162")]
    [TestCase("e0fef210")]
    public void Parse_MalformedOrPayloadMarker_Throws(string hex)
    {
        Assert.Throws<CoapFormatException>(() => CoapOptions.Parse(Convert.FromHexString(hex)));
    }

    [Test]
    public void Parse_Empty_IsNone()
    {
        var options = CoapOptions.Parse(ReadOnlyMemory<byte>.Empty);

        Assert.Multiple(() =>
        {
            Assert.That(options.IsEmpty, Is.True);
            Assert.That(options.Count, Is.Zero);
            Assert.That(CoapOptions.None.Count, Is.Zero);
        });
    }

    [Test]
    public void Create_NullOrEmpty_IsNone()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CoapOptions.Create(null).IsEmpty, Is.True);
            Assert.That(CoapOptions.Create([]).IsEmpty, Is.True);
        });
    }

    [Test]
    public void Create_DoesNotReorderTheCallersList()
    {
        CoapOption[] input = [CoapOption.FromUInt(17, 1), CoapOption.FromString(11, "a")];

        var options = CoapOptions.Create(input);

        Assert.Multiple(() =>
        {
            Assert.That(input[0].Number, Is.EqualTo(17));
            Assert.That(Convert.ToHexStringLower(options.Encoded.Span), Is.EqualTo("b161" + "6101"));
        });
    }

    [Test]
    public void Create_ValueLongerThanTheWireForm_Throws()
    {
        var option = new CoapOption(CoapOptionNumber.UriPath, new byte[CoapOptions.MaxValueLength + 1]);

        Assert.Throws<ArgumentException>(() => CoapOptions.Create([option]));
    }

    [Test]
    public void Create_LongestValue_IsAccepted()
    {
        var option = new CoapOption(CoapOptionNumber.UriPath, new byte[CoapOptions.MaxValueLength]);

        var options = CoapOptions.Create([option]);

        Assert.That(options.TryGet(CoapOptionNumber.UriPath, out var read) ? read.Value.Length : -1, Is.EqualTo(CoapOptions.MaxValueLength));
    }

    [Test]
    public void Create_ManyOptionsInReverse_SortsStably()
    {
        var input = new List<CoapOption>();
        for (int i = 40; i > 0; i--)
        {
            input.Add(CoapOption.FromUInt((ushort)(i % 5), (uint)i));
        }

        var options = CoapOptions.Create(input);

        var read = new List<(int Number, uint Value)>();
        foreach (var option in options)
        {
            read.Add((option.Number, option.GetUInt()));
        }

        var expected = input.Select(o => (Number: (int)o.Number, Value: o.GetUInt())).OrderBy(o => o.Number).ToList();
        Assert.That(read, Is.EqualTo(expected));
    }

    [Test]
    public void Lookups_FindFirstAndAllByNumber()
    {
        var options = CoapOptions.Create(
        [
            CoapOption.FromString(CoapOptionNumber.UriPath, "a"),
            CoapOption.FromString(CoapOptionNumber.UriPath, "b"),
            CoapOption.FromUInt(CoapOptionNumber.ContentFormat, 60),
            CoapOption.FromString(CoapOptionNumber.UriQuery, "x=1"),
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(options.TryGet(CoapOptionNumber.UriPath, out var first) ? first.GetString() : null, Is.EqualTo("a"));
            Assert.That(options.Contains(CoapOptionNumber.ContentFormat), Is.True);
            Assert.That(options.Contains(CoapOptionNumber.Accept), Is.False);
            Assert.That(options.Contains(CoapOptionNumber.IfMatch), Is.False);
            Assert.That(options.GetUInt(CoapOptionNumber.ContentFormat), Is.EqualTo(60));
            Assert.That(options.GetUInt(CoapOptionNumber.Accept), Is.Null);
            Assert.That(options.GetString(CoapOptionNumber.UriQuery), Is.EqualTo("x=1"));
            Assert.That(options.GetString(CoapOptionNumber.UriHost), Is.Null);
            Assert.That(options.GetStrings(CoapOptionNumber.UriPath), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(options.GetStrings(CoapOptionNumber.LocationPath), Is.Empty);
            Assert.That(options.Join(CoapOptionNumber.UriPath, '/'), Is.EqualTo("/a/b"));
            Assert.That(options.Join(CoapOptionNumber.LocationPath, '/'), Is.EqualTo("/"));
        });
    }

    [Test]
    public void Enumerator_Reset_StartsOver()
    {
        var options = CoapOptions.Parse(Convert.FromHexString("b161b162"));
        var enumerator = options.GetEnumerator();
        enumerator.MoveNext();
        enumerator.MoveNext();

        enumerator.Reset();

        Assert.Multiple(() =>
        {
            Assert.That(enumerator.MoveNext(), Is.True);
            Assert.That(enumerator.Current.GetString(), Is.EqualTo("a"));
            Assert.That(enumerator.Current.Number, Is.EqualTo(11));
        });
    }

    [Test]
    public void Enumerate_DecodedOptions_AllocatesNothing()
    {
        var options = CoapOptions.Parse(Convert.FromHexString("b3617069027631622710e206e30800"));
        int Walk()
        {
            int sum = 0;
            foreach (var option in options)
            {
                sum += option.Number + option.Value.Length;
            }

            return sum;
        }

        Walk();
        long before = GC.GetAllocatedBytesForCurrentThread();
        int total = 0;
        for (int i = 0; i < 100; i++)
        {
            total += Walk();
        }

        Assert.Multiple(() =>
        {
            // Less than the smallest object per walk: the enumerator itself allocates nothing.
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(100 * 24));
            Assert.That(total, Is.EqualTo(100 * (11 + 3 + 11 + 2 + 17 + 2 + 2049 + 2)));
        });
    }
}
