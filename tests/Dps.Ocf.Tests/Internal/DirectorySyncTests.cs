using Dps.Ocf.Internal;

namespace Dps.Ocf.Tests.Internal;

public sealed class DirectorySyncTests
{
    [Test]
    public void Sync_ExistingDirectory_Succeeds()
    {
        Assert.That(DirectorySync.Sync(Path.GetTempPath()), Is.Zero);
    }

    [Test]
    public void Sync_MissingDirectory_ReturnsErrno()
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False);

        Assert.That(DirectorySync.Sync(Path.Combine(Path.GetTempPath(), "dps-missing-" + Guid.NewGuid().ToString("N"))), Is.Not.Zero);
    }
}
