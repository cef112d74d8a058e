namespace Dps.Client.Tests;

public class DpsStatusExtensionsTests
{
    private const DpsStatus I = DpsStatus.Initialized;
    private const DpsStatus T = DpsStatus.HasTime;
    private const DpsStatus O = DpsStatus.HasOwner;
    private const DpsStatus C = DpsStatus.HasCloud;
    private const DpsStatus R = DpsStatus.HasCredentials;
    private const DpsStatus A = DpsStatus.HasAcls;

    [Test]
    public void Values_AreBitExactWithPlgd()
    {
        Assert.Multiple(() =>
        {
            Assert.That((uint)DpsStatus.Initialized, Is.EqualTo(0x1));
            Assert.That((uint)DpsStatus.GetCredentials, Is.EqualTo(0x2));
            Assert.That((uint)DpsStatus.HasCredentials, Is.EqualTo(0x4));
            Assert.That((uint)DpsStatus.GetAcls, Is.EqualTo(0x8));
            Assert.That((uint)DpsStatus.HasAcls, Is.EqualTo(0x10));
            Assert.That((uint)DpsStatus.GetCloud, Is.EqualTo(0x40));
            Assert.That((uint)DpsStatus.HasCloud, Is.EqualTo(0x80));
            Assert.That((uint)DpsStatus.CloudStarted, Is.EqualTo(0x100));
            Assert.That((uint)DpsStatus.RenewCredentials, Is.EqualTo(0x200));
            Assert.That((uint)DpsStatus.GetOwner, Is.EqualTo(0x400));
            Assert.That((uint)DpsStatus.HasOwner, Is.EqualTo(0x800));
            Assert.That((uint)DpsStatus.GetTime, Is.EqualTo(0x1000));
            Assert.That((uint)DpsStatus.HasTime, Is.EqualTo(0x2000));
            Assert.That((uint)DpsStatus.TransientFailure, Is.EqualTo(0x20000000));
            Assert.That((uint)DpsStatus.Failure, Is.EqualTo(0x40000000));
            Assert.That((uint)DpsStatus.ProvisionedMask, Is.EqualTo(0x2894));
            Assert.That((uint)DpsStatus.ErrorFlags, Is.EqualTo(0x60000000));
        });
    }

    [Test]
    public void DpsError_Values_AreBitExactWithPlgd()
    {
        Assert.That(
            new[] { DpsError.Ok, DpsError.Response, DpsError.Connect, DpsError.GetCredentials, DpsError.GetAcls,
                    DpsError.SetCloud, DpsError.StartCloud, DpsError.GetOwner, DpsError.GetTime }.Select(e => (int)e),
            Is.EqualTo(new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8 }));
    }

    private static IEnumerable<TestCaseData> ProvisionStatusCases()
    {
        yield return new TestCaseData((DpsStatus)0, "uninitialized");
        yield return new TestCaseData(I, "initialized");
        yield return new TestCaseData(I | DpsStatus.GetTime, "provisioning time");
        yield return new TestCaseData(I | T, "provisioned time");
        yield return new TestCaseData(I | T | DpsStatus.GetOwner, "provisioning owner");
        yield return new TestCaseData(I | T | O, "provisioned owner");
        yield return new TestCaseData(I | T | O | DpsStatus.GetCloud, "provisioning cloud");
        yield return new TestCaseData(I | T | O | C, "provisioned cloud");
        yield return new TestCaseData(I | T | O | C | DpsStatus.GetCredentials, "provisioning credentials");
        yield return new TestCaseData(I | T | O | C | R, "provisioned credentials");
        yield return new TestCaseData(I | T | O | C | R | DpsStatus.GetAcls, "provisioning acls");
        yield return new TestCaseData(I | T | O | C | R | A, "provisioned acls");
        yield return new TestCaseData(I | DpsStatus.ProvisionedMask | DpsStatus.CloudStarted, "provisioned");
        yield return new TestCaseData(
            I | DpsStatus.ProvisionedMask | DpsStatus.CloudStarted | DpsStatus.RenewCredentials, "renew credentials");
        yield return new TestCaseData(I | DpsStatus.TransientFailure, "transient failure");
        yield return new TestCaseData(I | DpsStatus.GetOwner | DpsStatus.Failure, "failure");
        yield return new TestCaseData(DpsStatus.Failure | DpsStatus.TransientFailure, "failure");
        yield return new TestCaseData((DpsStatus)0xFFFFFFFF, "failure");
    }

    [TestCaseSource(nameof(ProvisionStatusCases))]
    public void ToProvisionStatus_DocumentedCombination_ReturnsExactString(DpsStatus status, string expected)
    {
        Assert.That(status.ToProvisionStatus(), Is.EqualTo(expected));
    }

    [TestCase(DpsStatus.GetTime)]
    [TestCase(DpsStatus.HasTime)]
    [TestCase(DpsStatus.CloudStarted)]
    [TestCase(DpsStatus.RenewCredentials)]
    [TestCase(DpsStatus.Initialized | DpsStatus.HasOwner)]
    [TestCase(DpsStatus.Initialized | DpsStatus.ProvisionedMask | DpsStatus.RenewCredentials)]
    [TestCase(DpsStatus.Initialized | DpsStatus.GetTime | DpsStatus.GetOwner)]
    public void ToProvisionStatus_UnknownCombination_ReturnsNull(DpsStatus status)
    {
        Assert.That(status.ToProvisionStatus(), Is.Null);
    }

    [Test]
    public void ToLogString_Zero_ReturnsUninitialized()
    {
        Assert.That(DpsStatus.Uninitialized.ToLogString(), Is.EqualTo("uninitialized"));
    }

    [Test]
    public void ToLogString_SomeFlags_JoinsWordsWithBarInPlgdOrder()
    {
        var status = DpsStatus.Failure | DpsStatus.GetOwner | DpsStatus.HasTime | DpsStatus.Initialized;
        Assert.That(status.ToLogString(), Is.EqualTo("initialized|provisioned time|provisioning owner|failure"));
    }

    [Test]
    public void ToLogString_AllFlags_ContainsAllFifteenNames()
    {
        var all = (DpsStatus)0x60003FDF;
        var words = all.ToLogString().Split('|');
        Assert.That(words, Is.EquivalentTo(new[]
        {
            "initialized", "provisioning time", "provisioned time", "provisioning owner", "provisioned owner",
            "provisioning credentials", "provisioned credentials", "provisioning acls", "provisioned acls",
            "provisioning cloud", "provisioned cloud", "provisioned", "renew credentials", "transient failure",
            "failure",
        }));
    }

    [Test]
    public void ToConsoleLines_Zero_PrintsUninitialized()
    {
        Assert.That(DpsStatus.Uninitialized.ToConsoleLines(), Is.EqualTo(new[] { "-Uninitialized" }));
    }

    [Test]
    public void ToConsoleLines_AllFlags_PrintsAppLinesInOrder()
    {
        Assert.That((~DpsStatus.Uninitialized).ToConsoleLines(), Is.EqualTo(new[]
        {
            "-Initialized", "-Get time", "-Has time", "-Get owner", "-Has owner", "-Get cloud configuration",
            "-Has cloud configuration", "-Get credentials", "-Has credentials", "-Get acls", "-Has set acls",
            "-Started cloud", "-Renew credentials", "-Transient failure", "-Failure",
        }));
    }

    [Test]
    public void IsProvisioned_AllHasFlagsWithoutError_True()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DpsStatus.ProvisionedMask.IsProvisioned(), Is.True);
            Assert.That((DpsStatus.ProvisionedMask | DpsStatus.Failure).IsProvisioned(), Is.False);
            Assert.That((DpsStatus.ProvisionedMask & ~DpsStatus.HasAcls).IsProvisioned(), Is.False);
            Assert.That(DpsStatus.ProvisionedMask.IsProvisionedWithCloudStarted(), Is.False);
            Assert.That((DpsStatus.ProvisionedMask | DpsStatus.CloudStarted).IsProvisionedWithCloudStarted(), Is.True);
            Assert.That(DpsStatus.TransientFailure.HasErrorFlag(), Is.True);
            Assert.That(DpsStatus.Initialized.HasErrorFlag(), Is.False);
        });
    }
}
