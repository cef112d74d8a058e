using System.Runtime.Versioning;
using Dps.Ocf.Security;
using PstatResource = Dps.Ocf.Security.Pstat;
using Microsoft.Extensions.Logging;

namespace Dps.Ocf.Tests;

public sealed class DirectoryOcfStoreTests
{
    private string _directory = null!;
    private ListLogger<DirectoryOcfStore> _logger = null!;
    private DirectoryOcfStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(Path.GetTempPath(), "dps-ocf-store-" + Guid.NewGuid().ToString("N"));
        _logger = new ListLogger<DirectoryOcfStore>();
        _store = new DirectoryOcfStore(_directory, _logger);
    }

    [TearDown]
    public void TearDown()
    {
        Directory.Delete(_directory, recursive: true);
    }

    private static byte[] PstatBytes(DeviceOnboardingState state) => new PstatResource { State = state }.Encode();

    [Test]
    public void Load_Missing_ReturnsNull()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_store.Load("pstat_0"), Is.Null);
            Assert.That(_logger.Entries, Is.Empty);
        });
    }

    [Test]
    public void Save_ThenLoad_ReturnsBytes()
    {
        byte[] data = PstatBytes(DeviceOnboardingState.Rfnop);

        _store.Save("pstat_0", data);

        Assert.Multiple(() =>
        {
            Assert.That(_store.Load("pstat_0"), Is.EqualTo(data));
            Assert.That(Directory.GetFiles(_directory).Select(Path.GetFileName), Is.EqualTo(new[] { "pstat_0" }));
        });
    }

    [Test]
    public void Save_Overwrite_ReplacesContent()
    {
        _store.Save("pstat_0", PstatBytes(DeviceOnboardingState.Rfotm));

        _store.Save("pstat_0", PstatBytes(DeviceOnboardingState.Rfnop));

        Assert.That(PstatResource.Decode(_store.Load("pstat_0")!).State, Is.EqualTo(DeviceOnboardingState.Rfnop));
    }

    [Test]
    public void Save_InterruptedBeforeRename_LoadReturnsPreviousState()
    {
        byte[] previous = PstatBytes(DeviceOnboardingState.Rfotm);
        _store.Save("pstat_0", previous);
        _store.BeforeRename = _ => throw new IOException("power cut");

        Assert.That(() => _store.Save("pstat_0", PstatBytes(DeviceOnboardingState.Rfnop)), Throws.TypeOf<IOException>());

        var reopened = new DirectoryOcfStore(_directory);
        Assert.Multiple(() =>
        {
            Assert.That(reopened.Load("pstat_0"), Is.EqualTo(previous));
            Assert.That(Directory.GetFiles(_directory).Select(Path.GetFileName), Is.EqualTo(new[] { "pstat_0" }));
        });
    }

    [Test]
    public void Load_LeftoverTempFile_IsIgnored()
    {
        byte[] previous = PstatBytes(DeviceOnboardingState.Rfotm);
        _store.Save("pstat_0", previous);
        File.WriteAllBytes(Path.Combine(_directory, "pstat_0.tmp"), PstatBytes(DeviceOnboardingState.Rfnop));

        Assert.That(_store.Load("pstat_0"), Is.EqualTo(previous));

        _store.Save("pstat_0", PstatBytes(DeviceOnboardingState.Rfpro));
        Assert.That(PstatResource.Decode(_store.Load("pstat_0")!).State, Is.EqualTo(DeviceOnboardingState.Rfpro));
    }

    [Test]
    public void Load_TruncatedFile_IsReportedAndTreatedAsAbsent()
    {
        byte[] data = PstatBytes(DeviceOnboardingState.Rfnop);
        File.WriteAllBytes(_store.GetPath("pstat_0"), data[..(data.Length / 2)]);

        var loaded = _store.Load("pstat_0");

        Assert.Multiple(() =>
        {
            Assert.That(loaded, Is.Null);
            Assert.That(_logger.Entries.Select(e => e.Level), Is.EqualTo(new[] { LogLevel.Warning }));
            Assert.That(_logger.Entries[0].Message, Does.Contain("pstat_0"));
        });
    }

    [TestCase("")]
    [TestCase("00")]
    [TestCase("FF")]
    [TestCase("A1616101FF")]
    public void Load_CorruptFile_IsReportedAndTreatedAsAbsent(string hex)
    {
        File.WriteAllBytes(_store.GetPath("doxm_0"), Convert.FromHexString(hex));

        Assert.Multiple(() =>
        {
            Assert.That(_store.Load("doxm_0"), Is.Null);
            Assert.That(_logger.Entries, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void TryLoad_WellFormedButInvalidRepresentation_ReportsAndReturnsFalse()
    {
        _store.Save("pstat_0", TestCbor.Encode(TestCbor.Map(("dos", 5))));

        bool loaded = _store.TryLoad("pstat_0", PstatResource.Decode, _logger, out var pstat);

        Assert.Multiple(() =>
        {
            Assert.That(loaded, Is.False);
            Assert.That(pstat, Is.Null);
            Assert.That(_logger.Entries.Count(e => e.Level == LogLevel.Warning), Is.EqualTo(1));
        });
    }

    [Test]
    public void TryLoad_Valid_Decodes()
    {
        _store.Save("pstat_0", PstatBytes(DeviceOnboardingState.Rfnop));

        bool loaded = _store.TryLoad("pstat_0", PstatResource.Decode, _logger, out var pstat);

        Assert.Multiple(() =>
        {
            Assert.That(loaded, Is.True);
            Assert.That(pstat.State, Is.EqualTo(DeviceOnboardingState.Rfnop));
        });
    }

    [Test]
    [UnsupportedOSPlatform("windows")]
    public void Save_CredStore_Is0600()
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False);

        _store.Save("cred_0", new Cred().Encode(includePrivateData: true));

        Assert.That(File.GetUnixFileMode(_store.GetPath("cred_0")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    [UnsupportedOSPlatform("windows")]
    public void Save_SecretFlag_Is0600AndPlainStoreIsNot()
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False);

        _store.Save("keypair_0", [0xA0], secret: true);
        _store.Save("cloud_0", [0xA0]);

        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(_store.GetPath("keypair_0")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(File.GetUnixFileMode(_store.GetPath("cloud_0")) & UnixFileMode.UserRead, Is.EqualTo(UnixFileMode.UserRead));
        });
    }

    [Test]
    [UnsupportedOSPlatform("windows")]
    public void Save_SecretOverPlainFile_Becomes0600()
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False);
        File.WriteAllBytes(_store.GetPath("keypair_0"), [0xA0]);
        File.SetUnixFileMode(_store.GetPath("keypair_0"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        _store.Save("keypair_0", [0xA1], secret: true);

        Assert.That(File.GetUnixFileMode(_store.GetPath("keypair_0")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void Delete_Existing_RemovesFile()
    {
        _store.Save("sdi_0", [0xA0]);

        Assert.Multiple(() =>
        {
            Assert.That(_store.Delete("sdi_0"), Is.True);
            Assert.That(_store.Delete("sdi_0"), Is.False);
            Assert.That(_store.Load("sdi_0"), Is.Null);
        });
    }

    [TestCase("../pstat_0")]
    [TestCase("a/b")]
    [TestCase(".hidden")]
    [TestCase("")]
    [TestCase("name with space")]
    public void Save_InvalidName_Throws(string name)
    {
        Assert.That(() => _store.Save(name, [0xA0]), Throws.InstanceOf<ArgumentException>());
    }
}
