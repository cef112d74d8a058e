using Dps.Client;
using Dps.Ocf;
using Dps.Ocf.Cloud;
using Dps.Ocf.Provisioning;
using Dps.Ocf.Security;
using Dps.Testing;
using Microsoft.Extensions.Logging;

namespace Dps.IntegrationTests.Faults;

/// <summary>Checks a device's storage directory: every file loads (well-formed, no "corrupt" warning) and decodes.</summary>
internal static class StoredFiles
{
    private const int StoreCorruptEventId = 3000;

    private static readonly Dictionary<string, Action<byte[]>> s_decoders = new(StringComparer.Ordinal)
    {
        [Pstat.StoreName] = d => Pstat.Decode(d),
        [Doxm.StoreName] = d => Doxm.Decode(d),
        [Cred.StoreName] = d => Cred.Decode(d),
        [Acl2.StoreName] = d => Acl2.Decode(d),
        [Sdi.StoreName] = d => Sdi.Decode(d),
        [DpsStoreData.StoreName] = d => DpsStoreData.Decode(d),
        [PlgdTimeRecord.StoreName] = d => PlgdTimeRecord.Decode(d),
        [CloudConfiguration.StoreName] = d => CloudConfiguration.Decode(d),
    };

    /// <summary>The names of the store files (what <see cref="IOcfStore.Load"/> takes).</summary>
    public static IReadOnlyList<string> Names(string directory) =>
        [.. Directory.EnumerateFiles(directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>Asserts that the directory holds the files of a provisioned device and that each one loads and decodes.</summary>
    public static void AssertLoadable(string directory)
    {
        var log = new RecordingLogger("store");
        using var factory = LoggerFactory.Create(b => b.AddProvider(log));
        var store = new DirectoryOcfStore(directory, factory.CreateLogger<DirectoryOcfStore>());
        var names = Names(directory);
        var problems = new List<string>();
        foreach (var name in names)
        {
            byte[]? data;
            try
            {
                data = store.Load(name);
            }
            catch (ArgumentException)
            {
                problems.Add($"{name}: not a store file (a leftover temporary file?)");
                continue;
            }

            if (data is null)
            {
                problems.Add($"{name}: not loadable");
                continue;
            }

            var prefix = name[..Math.Max(0, name.LastIndexOf('_'))];
            if (s_decoders.TryGetValue(prefix, out var decode))
            {
                try
                {
                    decode(data);
                }
                catch (Exception ex) when (ex is OcfFormatException or FormatException)
                {
                    problems.Add($"{name}: {ex.Message}");
                }
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(names, Does.Contain(OcfStoreName.For(Cred.StoreName, 0)).And.Contain(OcfStoreName.For(DpsStoreData.StoreName, 0)),
                "the files of a provisioned device");
            Assert.That(problems, Is.Empty);
            Assert.That(log.WithEventId(StoreCorruptEventId).Select(e => e.Message), Is.Empty);
        });
    }
}
