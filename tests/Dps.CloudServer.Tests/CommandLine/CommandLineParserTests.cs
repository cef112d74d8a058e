using Dps.Client;
using DpsCloudServer;
using DpsCloudServer.CommandLine;

namespace Dps.CloudServer.Tests.CommandLine;

public class CommandLineParserTests
{
    private static CloudServerOptions ParseOk(params string[] args)
    {
        var result = CommandLineParser.Parse(args, isPrivileged: true);
        Assert.That(result.Error, Is.Null, "unexpected parse error");
        Assert.That(result.Options, Is.Not.Null);
        return result.Options!;
    }

    private static string ParseError(params string[] args)
    {
        var result = CommandLineParser.Parse(args, isPrivileged: true);
        Assert.Multiple(() =>
        {
            Assert.That(result.Options, Is.Null);
            Assert.That(result.ShowHelp, Is.False);
            Assert.That(result.Error, Is.Not.Null.And.Not.Empty);
        });
        Assert.That(result.Error, Does.Not.Contain('\n'), "the message is one line");
        return result.Error!;
    }

    [Test]
    public void Parse_NoArguments_UsesDefaults()
    {
        var options = ParseOk();

        Assert.Multiple(() =>
        {
            Assert.That(options.DeviceName, Is.EqualTo("dps"));
            Assert.That(options.Endpoints, Is.EqualTo(new[] { "coaps+tcp://127.0.0.1:20030" }));
            Assert.That(options.CreateConfigurationResource, Is.False);
            Assert.That(options.ExpirationLimitSeconds, Is.Null);
            Assert.That(options.LogLevel, Is.EqualTo(DpsLogLevel.Info));
            Assert.That(options.OcLogLevel, Is.EqualTo(DpsLogLevel.Info));
            Assert.That(options.NoVerifyCa, Is.False);
            Assert.That(options.DhcpLeasesFile, Is.EqualTo("/var/lib/dhcp/dhclient.leases"));
            Assert.That(options.DhcpEnabled, Is.False);
            Assert.That(options.CloudObserverMaxRetry, Is.Null);
            Assert.That(options.RetryConfiguration, Is.Null);
            Assert.That(options.SetSystemTime, Is.False);
            Assert.That(options.WaitForReset, Is.False);
            Assert.That(options.PkiDirectory, Is.EqualTo(Path.Combine(AppContext.BaseDirectory, "pki_certs")));
            Assert.That(options.StorageDirectory, Is.EqualTo("./dps_cloud_server_creds/"));
            Assert.That(options.GpioChip, Is.Zero);
            Assert.That(options.StatusLedPin, Is.Null);
            Assert.That(options.ResetButtonPin, Is.Null);
            Assert.That(options.SelfTestSignals, Is.False);
            Assert.That(options.LoadsTrustAnchor, Is.True);
        });
    }

    [TestCase("-c")]
    [TestCase("--create-conf-resource")]
    public void Parse_CreateConfResource_Set(string arg) =>
        Assert.That(ParseOk(arg).CreateConfigurationResource, Is.True);

    [TestCase("-n")]
    [TestCase("--no-verify-ca")]
    public void Parse_NoVerifyCa_SetAndSkipsTrustAnchor(string arg)
    {
        var options = ParseOk(arg);
        Assert.Multiple(() =>
        {
            Assert.That(options.NoVerifyCa, Is.True);
            Assert.That(options.LoadsTrustAnchor, Is.False);
        });
    }

    [TestCase("-x")]
    [TestCase("--dhcp-enabled")]
    public void Parse_DhcpEnabled_SetAndSkipsTrustAnchor(string arg)
    {
        var options = ParseOk(arg);
        Assert.Multiple(() =>
        {
            Assert.That(options.DhcpEnabled, Is.True);
            Assert.That(options.LoadsTrustAnchor, Is.False);
        });
    }

    [TestCase("-s")]
    [TestCase("--set-system-time")]
    public void Parse_SetSystemTime_SetWhenRoot(string arg) =>
        Assert.That(ParseOk(arg).SetSystemTime, Is.True);

    [TestCase("-w")]
    [TestCase("--wait-for-reset")]
    public void Parse_WaitForReset_Set(string arg) =>
        Assert.That(ParseOk(arg).WaitForReset, Is.True);

    [TestCase("-e", "120")]
    [TestCase("--expiration-limit", "120")]
    [TestCase("--expiration-limit=120")]
    [TestCase("-e120")]
    public void Parse_ExpirationLimit_AllForms(params string[] args) =>
        Assert.That(ParseOk(args).ExpirationLimitSeconds, Is.EqualTo(120));

    [TestCase("0", 0)]
    [TestCase("65535", 65535)]
    public void Parse_ExpirationLimit_Bounds(string value, int expected) =>
        Assert.That(ParseOk("-e", value).ExpirationLimitSeconds, Is.EqualTo(expected));

    [TestCase("-l", "debug", "Debug")]
    [TestCase("--log-level", "trace", "Trace")]
    [TestCase("--log-level=warning", null, "Warning")]
    [TestCase("-l", "DISABLED", "Disabled")]
    [TestCase("-lnotice", null, "Notice")]
    public void Parse_LogLevel_AllForms(string arg, string? value, string expected)
    {
        string[] args = value is null ? [arg] : [arg, value];
        Assert.That(ParseOk(args).LogLevel.ToString(), Is.EqualTo(expected));
    }

    [TestCase("disabled", "Disabled")]
    [TestCase("trace", "Trace")]
    [TestCase("debug", "Debug")]
    [TestCase("info", "Info")]
    [TestCase("notice", "Notice")]
    [TestCase("warning", "Warning")]
    [TestCase("error", "Error")]
    public void Parse_OcLogLevel_EveryLevel(string value, string expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(ParseOk("--oc-log-level", value).OcLogLevel.ToString(), Is.EqualTo(expected));
            Assert.That(ParseOk($"--oc-log-level={value}").OcLogLevel.ToString(), Is.EqualTo(expected));
        });
    }

    [TestCase("-f", "/tmp/leases")]
    [TestCase("--dhcp-leases-file", "/tmp/leases")]
    [TestCase("--dhcp-leases-file=/tmp/leases")]
    [TestCase("-f/tmp/leases")]
    public void Parse_DhcpLeasesFile_AllForms(params string[] args) =>
        Assert.That(ParseOk(args).DhcpLeasesFile, Is.EqualTo("/tmp/leases"));

    [TestCase("-o", "10")]
    [TestCase("--cloud-observer-max-retry", "10")]
    [TestCase("--cloud-observer-max-retry=10")]
    public void Parse_CloudObserverMaxRetry_AllForms(params string[] args) =>
        Assert.That(ParseOk(args).CloudObserverMaxRetry, Is.EqualTo(10));

    [TestCase("0", 0)]
    [TestCase("255", 255)]
    public void Parse_CloudObserverMaxRetry_Bounds(string value, int expected) =>
        Assert.That(ParseOk("-o", value).CloudObserverMaxRetry, Is.EqualTo(expected));

    [TestCase("-r", "1,2,4,8,16")]
    [TestCase("--retry-configuration", "1,2,4,8,16")]
    [TestCase("--retry-configuration=1,2,4,8,16")]
    public void Parse_RetryConfiguration_AllForms(params string[] args) =>
        Assert.That(ParseOk(args).RetryConfiguration, Is.EqualTo(new DpsRetryConfiguration(1, 2, 4, 8, 16)));

    [Test]
    public void Parse_RetryConfiguration_EightValuesOfMax_Accepted() =>
        Assert.That(ParseOk("-r", "255,255,255,255,255,255,255,255").RetryConfiguration!.Count, Is.EqualTo(8));

    [Test]
    public void Parse_Endpoint_RepeatableAndAfterDefault()
    {
        var options = ParseOk("-t", "coaps+tcp://a.example:1", "--endpoint", "coaps+tcp://b.example:2", "--endpoint=coap+tcp://c.example");

        Assert.That(options.Endpoints, Is.EqualTo(new[]
        {
            "coaps+tcp://127.0.0.1:20030", "coaps+tcp://a.example:1", "coaps+tcp://b.example:2", "coap+tcp://c.example",
        }));
    }

    [Test]
    public void Parse_Positionals_DeviceNameAndEndpointReplaceDefaults()
    {
        var options = ParseOk("-t", "coaps+tcp://extra:1", "my-device", "coaps+tcp://dps.example.com:15684");

        Assert.Multiple(() =>
        {
            Assert.That(options.DeviceName, Is.EqualTo("my-device"));
            Assert.That(options.Endpoints, Is.EqualTo(new[] { "coaps+tcp://dps.example.com:15684", "coaps+tcp://extra:1" }));
        });
    }

    [Test]
    public void Parse_EmptyEndpointArgument_RemovesDefaultEndpoint() =>
        Assert.That(ParseOk("dev", "").Endpoints, Is.Empty);

    [Test]
    public void Parse_DeviceNameOnly_KeepsDefaultEndpoint()
    {
        var options = ParseOk("kitchen");
        Assert.Multiple(() =>
        {
            Assert.That(options.DeviceName, Is.EqualTo("kitchen"));
            Assert.That(options.Endpoints, Is.EqualTo(new[] { CloudServerOptions.DefaultEndpoint }));
        });
    }

    [Test]
    public void Parse_OptionsAfterPositionals_StillParsed()
    {
        var options = ParseOk("dev", "-n", "coaps+tcp://h:1", "-w");
        Assert.Multiple(() =>
        {
            Assert.That(options.DeviceName, Is.EqualTo("dev"));
            Assert.That(options.NoVerifyCa, Is.True);
            Assert.That(options.WaitForReset, Is.True);
            Assert.That(options.Endpoints, Is.EqualTo(new[] { "coaps+tcp://h:1" }));
        });
    }

    [Test]
    public void Parse_DoubleDash_EndsOptions() =>
        Assert.That(ParseOk("--", "-weird-name").DeviceName, Is.EqualTo("-weird-name"));

    [Test]
    public void Parse_BundledShortFlags_AllSet()
    {
        var options = ParseOk("-cnwx");
        Assert.Multiple(() =>
        {
            Assert.That(options.CreateConfigurationResource, Is.True);
            Assert.That(options.NoVerifyCa, Is.True);
            Assert.That(options.WaitForReset, Is.True);
            Assert.That(options.DhcpEnabled, Is.True);
        });
    }

    [Test]
    public void Parse_BundleEndingWithValueOption_TakesNextArgument()
    {
        var options = ParseOk("-ce", "30");
        Assert.Multiple(() =>
        {
            Assert.That(options.CreateConfigurationResource, Is.True);
            Assert.That(options.ExpirationLimitSeconds, Is.EqualTo(30));
        });
    }

    [TestCase("--pki-dir", "/opt/pki")]
    [TestCase("--pki-dir=/opt/pki")]
    public void Parse_PkiDir_AllForms(params string[] args) =>
        Assert.That(ParseOk(args).PkiDirectory, Is.EqualTo("/opt/pki"));

    [TestCase("--storage-dir", "/var/lib/dps")]
    [TestCase("--storage-dir=/var/lib/dps")]
    public void Parse_StorageDir_AllForms(params string[] args) =>
        Assert.That(ParseOk(args).StorageDirectory, Is.EqualTo("/var/lib/dps"));

    [Test]
    public void Parse_GpioOptions_Set()
    {
        var options = ParseOk("--gpio-chip", "1", "--status-led=17", "--reset-button", "27");
        Assert.Multiple(() =>
        {
            Assert.That(options.GpioChip, Is.EqualTo(1));
            Assert.That(options.StatusLedPin, Is.EqualTo(17));
            Assert.That(options.ResetButtonPin, Is.EqualTo(27));
        });
    }

    [Test]
    public void Parse_SelfTestSignals_Set() =>
        Assert.That(ParseOk("--selftest-signals").SelfTestSignals, Is.True);

    [Test]
    public void Parse_RepeatedOption_LastWins() =>
        Assert.That(ParseOk("-e", "1", "-e", "2").ExpirationLimitSeconds, Is.EqualTo(2));

    [TestCase("-h")]
    [TestCase("--help")]
    [TestCase("-nh")]
    [TestCase("--help", "--bogus")]
    public void Parse_Help_HelpRequested(params string[] args)
    {
        var result = CommandLineParser.Parse(args, isPrivileged: false);
        Assert.Multiple(() =>
        {
            Assert.That(result.ShowHelp, Is.True);
            Assert.That(result.Error, Is.Null);
            Assert.That(result.Options, Is.Null);
        });
    }

    [TestCase(new[] { "-e", "65536" }, "-e/--expiration-limit")]
    [TestCase(new[] { "-e", "-1" }, "-e/--expiration-limit")]
    [TestCase(new[] { "--expiration-limit=abc" }, "-e/--expiration-limit")]
    [TestCase(new[] { "-e", "" }, "-e/--expiration-limit")]
    [TestCase(new[] { "-e" }, "-e")]
    [TestCase(new[] { "--expiration-limit" }, "--expiration-limit")]
    [TestCase(new[] { "-l", "verbose" }, "-l/--log-level")]
    [TestCase(new[] { "--oc-log-level=loud" }, "--oc-log-level")]
    [TestCase(new[] { "-o", "256" }, "-o/--cloud-observer-max-retry")]
    [TestCase(new[] { "-o", "x" }, "-o/--cloud-observer-max-retry")]
    [TestCase(new[] { "-r", "0" }, "-r/--retry-configuration")]
    [TestCase(new[] { "-r", "256" }, "-r/--retry-configuration")]
    [TestCase(new[] { "-r", "1,2,3,4,5,6,7,8,9" }, "-r/--retry-configuration")]
    [TestCase(new[] { "-r", "1,a" }, "-r/--retry-configuration")]
    [TestCase(new[] { "-r", "" }, "-r/--retry-configuration")]
    [TestCase(new[] { "-t", "http://example.com" }, "-t/--endpoint")]
    [TestCase(new[] { "-t", "" }, "-t/--endpoint")]
    [TestCase(new[] { "--endpoint=coaps+tcp://" }, "-t/--endpoint")]
    [TestCase(new[] { "dev", "not-a-uri" }, "endpoint argument")]
    [TestCase(new[] { "dev", "coaps://udp.example:5684" }, "endpoint argument")]
    [TestCase(new[] { "a", "coaps+tcp://h:1", "c" }, "'c'")]
    [TestCase(new[] { "" }, "device name")]
    [TestCase(new[] { "-q" }, "'-q'")]
    [TestCase(new[] { "-nq" }, "'-q'")]
    [TestCase(new[] { "--bogus" }, "'--bogus'")]
    [TestCase(new[] { "--help=yes" }, "--help")]
    [TestCase(new[] { "--no-verify-ca=1" }, "--no-verify-ca")]
    [TestCase(new[] { "--pki-dir=" }, "--pki-dir")]
    [TestCase(new[] { "--storage-dir", "" }, "--storage-dir")]
    [TestCase(new[] { "-f", "" }, "-f/--dhcp-leases-file")]
    [TestCase(new[] { "--gpio-chip", "-1" }, "--gpio-chip")]
    [TestCase(new[] { "--status-led", "x" }, "--status-led")]
    [TestCase(new[] { "--reset-button=99999" }, "--reset-button")]
    public void Parse_BadInput_OneLineErrorNamingTheCulprit(string[] args, string expected) =>
        Assert.That(ParseError(args), Does.Contain(expected));

    [Test]
    public void Parse_EndpointLongerThanLimit_Error()
    {
        var uri = "coaps+tcp://" + new string('a', DpsEndpoint.MaxUriLength) + ":1";
        Assert.That(ParseError("-t", uri), Does.Contain("at most 256"));
    }

    [Test]
    public void Parse_SetSystemTimeWithoutRoot_Error()
    {
        var result = CommandLineParser.Parse(["-s"], isPrivileged: false);
        Assert.That(result.Error, Does.Contain("-s/--set-system-time").And.Contain("root"));
    }
}
