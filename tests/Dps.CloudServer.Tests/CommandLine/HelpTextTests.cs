using DpsCloudServer.CommandLine;

namespace Dps.CloudServer.Tests.CommandLine;

public class HelpTextTests
{
    [Test]
    public void Build_StartsWithUsageLine() =>
        Assert.That(HelpText.Build(), Does.StartWith("./dps_cloud_server [options] [device-name] [endpoint]\n\nOPTIONS:\n"));

    [TestCase("  -h | --help ")]
    [TestCase("  -c | --create-conf-resource ")]
    [TestCase("  -e | --expiration-limit <s> ")]
    [TestCase("  -l | --log-level <level> ")]
    [TestCase("       --oc-log-level <level> ")]
    [TestCase("  -n | --no-verify-ca ")]
    [TestCase("  -f | --dhcp-leases-file <path> ")]
    [TestCase("  -x | --dhcp-enabled ")]
    [TestCase("  -o | --cloud-observer-max-retry <n> ")]
    [TestCase("  -r | --retry-configuration <cfg> ")]
    [TestCase("  -s | --set-system-time ")]
    [TestCase("  -w | --wait-for-reset ")]
    [TestCase("  -t | --endpoint <uri> ")]
    [TestCase("       --pki-dir <dir> ")]
    [TestCase("       --storage-dir <dir> ")]
    [TestCase("       --gpio-chip <n> ")]
    [TestCase("       --status-led <pin> ")]
    [TestCase("       --reset-button <pin> ")]
    public void Build_OneLinePerOption(string start)
    {
        var lines = HelpText.Build().Split('\n');
        Assert.That(lines.Count(l => l.StartsWith(start, StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [TestCase("/var/lib/dhcp/dhclient.leases")]
    [TestCase("default: info")]
    [TestCase("default: 3600")]
    [TestCase("default: 30")]
    [TestCase("default: 10,20,40,80,120")]
    [TestCase("./dps_cloud_server_creds/")]
    [TestCase("pki_certs/")]
    [TestCase("default: dps)")]
    [TestCase("default: coaps+tcp://127.0.0.1:20030")]
    public void Build_ShowsDefaults(string text) =>
        Assert.That(HelpText.Build(), Does.Contain(text));

    [Test]
    public void Build_HiddenOptionLeftOut() =>
        Assert.That(HelpText.Build(), Does.Not.Contain("selftest"));

    [Test]
    public void Build_DescriptionsStartInOneColumn()
    {
        var optionLines = HelpText.Build().Split('\n')
            .Where(l => l.StartsWith("  -", StringComparison.Ordinal) || l.StartsWith("       --", StringComparison.Ordinal))
            .ToList();

        Assert.That(optionLines, Has.Count.EqualTo(18));
        Assert.That(optionLines, Has.All.Matches<string>(l => l.Length > 40 && l[39] == ' ' && l[40] != ' '));
    }
}
