using System.Security.Cryptography;

namespace Dps.Security.Tests;

public sealed class PemFileTests
{
    private string _directory = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Directory.CreateTempSubdirectory("dps-pemfile-").FullName;
    }

    [TearDown]
    public void TearDown()
    {
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    [Platform(Exclude = "Win")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void WritePrivateKey_NewFile_IsMode0600AndLoadable()
    {
        string path = Path.Combine(_directory, "device.key");
        using ECDsa key = EcKeys.Generate();

        PemFile.WritePrivateKey(path, key);

        using ECDsa loaded = EcKeys.LoadPrivateKeyFile(path);
        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(EcKeys.HaveSamePublicKey(key, loaded), Is.True);
        });
    }

    [Test]
    public void WriteAtomic_ExistingFile_ReplacesContentAndLeavesNoTemporaryFiles()
    {
        string path = Path.Combine(_directory, "a.pem");
        File.WriteAllText(path, "old");

        PemFile.WriteAtomic(path, "new", PemFile.PublicMode);

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(path), Is.EqualTo("new"));
            Assert.That(Directory.GetFiles(_directory), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public void WriteAtomic_MissingDirectory_ThrowsAndCreatesNothing()
    {
        string path = Path.Combine(_directory, "missing", "a.pem");

        Assert.Throws<DirectoryNotFoundException>(() => PemFile.WriteAtomic(path, "x", PemFile.PrivateMode));
        Assert.That(Directory.GetFileSystemEntries(_directory), Is.Empty);
    }
}
