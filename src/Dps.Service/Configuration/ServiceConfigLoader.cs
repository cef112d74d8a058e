using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Dps.Service.Faults;
using Dps.Service.Identity;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dps.Service.Configuration;

/// <summary>
/// Reads and validates <c>dps-service.yaml</c>. Every error is a <see cref="ServiceConfigException"/>
/// naming the file, the line, the key path and the reason. Unknown keys are errors (typos must not
/// pass silently). Relative paths are resolved against the file's directory.
/// </summary>
internal sealed class ServiceConfigLoader
{
    private const string DataUriPrefix = "data:;base64,";

    private static readonly string[] s_allowedSchemes = ["coap", "coaps", "coap+tcp", "coaps+tcp"];

    private readonly string _filePath;
    private readonly string _baseDirectory;

    private ServiceConfigLoader(string filePath, string baseDirectory)
    {
        _filePath = filePath;
        _baseDirectory = baseDirectory;
    }

    /// <summary>Loads and validates the file at <paramref name="path"/>.</summary>
    /// <exception cref="ServiceConfigException">The file is missing, unreadable or invalid.</exception>
    public static ServiceConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ServiceConfigException(fullPath, "(root)", $"cannot read the file ({ex.Message})", null, ex);
        }

        return Parse(text, fullPath);
    }

    /// <summary>Parses YAML <paramref name="yaml"/> as if read from <paramref name="filePath"/> (relative paths resolve against its directory).</summary>
    /// <exception cref="ServiceConfigException">The YAML is invalid.</exception>
    public static ServiceConfig Parse(string yaml, string filePath)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        var fullPath = Path.GetFullPath(filePath);
        var loader = new ServiceConfigLoader(fullPath, Path.GetDirectoryName(fullPath) ?? Directory.GetCurrentDirectory());
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ServiceConfigException(fullPath, "(root)", $"not valid YAML ({ex.InnerException?.Message ?? ex.Message})", ex.Start.Line, ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner and node loader throw these (not YamlException) on some malformed streams.
            throw new ServiceConfigException(fullPath, "(root)", $"not valid YAML ({ex.Message})", null, ex);
        }

        if (stream.Documents.Count != 1)
        {
            throw new ServiceConfigException(fullPath, "(root)", stream.Documents.Count == 0 ? "the file is empty" : "expected a single YAML document");
        }

        return loader.ReadRoot(stream.Documents[0].RootNode);
    }

    private ServiceConfig ReadRoot(YamlNode node)
    {
        var root = Mapping(node, "(root)", "listen", "tls", "tokens", "certificates", "database", "enrollmentGroups", "faults");
        var listen = OptionalMapping(root, "listen", "listen", "dps", "hub", "http");
        var tls = RequiredMapping(root, "tls", "tls", "dps", "hub");
        var tokens = OptionalMapping(root, "tokens", "tokens", "signingKeyFile", "issuer", "dpsTokenLifetime", "hubTokenLifetime");
        var certificates = OptionalMapping(root, "certificates", "certificates", "validFrom", "validity");
        var dpsTls = ReadTlsFiles(RequiredMapping(tls, "dps", "tls.dps", "certFile", "keyFile"), "tls.dps");
        var hubTls = ReadTlsFiles(RequiredMapping(tls, "hub", "tls.hub", "certFile", "keyFile"), "tls.hub");

        var groupsNode = Get(root, "enrollmentGroups") ?? throw Error("enrollmentGroups", "is required", root);
        var groups = new List<EnrollmentGroup>();
        ForEach(groupsNode, "enrollmentGroups", (item, path) => groups.Add(ReadGroup(item, path)));
        if (groups.Count == 0)
        {
            throw Error("enrollmentGroups", "at least one enrollment group is required", groupsNode);
        }

        for (var i = 0; i < groups.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (groups[i].Id == groups[j].Id)
                {
                    throw Error($"enrollmentGroups[{i}].id", $"duplicates enrollmentGroups[{j}].id", groupsNode);
                }
            }
        }

        var faults = new List<FaultRule>();
        if (Get(root, "faults") is { } faultsNode)
        {
            ForEach(faultsNode, "faults", (item, path) => faults.Add(ReadFault(item, path)));
        }

        var tokenSettings = new TokenSettings
        {
            SigningKeyFile = ResolvePath(OptionalString(tokens, "signingKeyFile", "tokens.signingKeyFile") ?? "token-signing.key", "tokens.signingKeyFile"),
            Issuer = OptionalString(tokens, "issuer", "tokens.issuer") ?? "dps-service",
            DpsTokenLifetime = OptionalDuration(tokens, "dpsTokenLifetime", "tokens.dpsTokenLifetime") ?? TimeSpan.FromHours(1),
            HubTokenLifetime = OptionalDuration(tokens, "hubTokenLifetime", "tokens.hubTokenLifetime") ?? TimeSpan.FromHours(1),
        };
        var certificateSettings = new CertificateSettings
        {
            Backdate = OptionalDuration(certificates, "validFrom", "certificates.validFrom", allowZero: true) ?? TimeSpan.FromHours(1),
            Validity = OptionalDuration(certificates, "validity", "certificates.validity") ?? TimeSpan.FromHours(87600),
        };

        return new ServiceConfig
        {
            FilePath = _filePath,
            BaseDirectory = _baseDirectory,
            DpsAddress = OptionalEndpoint(listen, "dps", "listen.dps") ?? ServiceConfig.DefaultDpsAddress,
            HubAddress = OptionalEndpoint(listen, "hub", "listen.hub") ?? ServiceConfig.DefaultHubAddress,
            HttpAddress = OptionalEndpoint(listen, "http", "listen.http") ?? ServiceConfig.DefaultHttpAddress,
            DpsTls = dpsTls,
            HubTls = hubTls,
            Tokens = tokenSettings,
            Certificates = certificateSettings,
            DatabaseFile = ResolvePath(OptionalString(root, "database", "database") ?? "dps-service.db", "database"),
            EnrollmentGroups = groups,
            Faults = faults,
        };
    }

    private EnrollmentGroup ReadGroup(YamlNode node, string path)
    {
        var group = Mapping(node, path, "id", "owner", "name", "attestationMechanism", "preSharedKeyFile", "hub", "hubs");
        var id = RequiredUuid(group, "id", $"{path}.id");
        var owner = RequiredString(group, "owner", $"{path}.owner");
        var attestation = RequiredMapping(group, "attestationMechanism", $"{path}.attestationMechanism", "x509");
        var x509 = RequiredMapping(attestation, "x509", $"{path}.attestationMechanism.x509", "certificateChain", "leadCertificateName", "expiredCertificateEnabled");
        var chainPath = $"{path}.attestationMechanism.x509.certificateChain";
        var chainPem = Encoding.UTF8.GetString(ReadFileOrData(x509, "certificateChain", chainPath, required: true)!);
        var firstCommonName = FirstCertificateCommonName(chainPem, chainPath, Get(x509, "certificateChain")!);
        var lead = OptionalString(x509, "leadCertificateName", $"{path}.attestationMechanism.x509.leadCertificateName") ?? firstCommonName;

        ReadOnlyMemory<byte>? psk = null;
        if (ReadFileOrData(group, "preSharedKeyFile", $"{path}.preSharedKeyFile", required: false) is { } pskBytes)
        {
            if (pskBytes.Length < 16)
            {
                throw Error($"{path}.preSharedKeyFile", $"the pre-shared key has {pskBytes.Length} bytes; at least 16 are required", Get(group, "preSharedKeyFile"));
            }

            psk = pskBytes;
        }

        var hubs = new List<HubSettings>();
        if (Get(group, "hub") is { } single)
        {
            hubs.Add(ReadHub(single, $"{path}.hub"));
        }

        if (Get(group, "hubs") is { } hubsNode)
        {
            ForEach(hubsNode, $"{path}.hubs", (item, hubPath) => hubs.Add(ReadHub(item, hubPath)));
        }

        if (hubs.Count == 0)
        {
            throw Error($"{path}.hubs", "at least one hub is required", node);
        }

        for (var i = 0; i < hubs.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (hubs[i].Id == hubs[j].Id)
                {
                    throw Error($"{path}.hubs[{i}].id", $"duplicates hub id {DeviceUuid.Format(hubs[i].Id)}", node);
                }
            }
        }

        return new EnrollmentGroup
        {
            Id = id,
            Owner = owner,
            OwnerUuid = OwnerUuid.FromOwner(owner),
            Name = OptionalString(group, "name", $"{path}.name") ?? DeviceUuid.Format(id),
            CertificateChainPem = chainPem,
            LeadCertificateName = lead,
            ExpiredCertificateEnabled = OptionalBool(x509, "expiredCertificateEnabled", $"{path}.attestationMechanism.x509.expiredCertificateEnabled") ?? false,
            PreSharedKey = psk,
            Hubs = hubs,
        };
    }

    private HubSettings ReadHub(YamlNode node, string path)
    {
        var hub = Mapping(node, path, "id", "hubID", "coapGateway", "gateways", "certificateAuthority", "caPool", "authorization");
        var id = OptionalUuid(hub, "id", $"{path}.id");
        var hubId = OptionalUuid(hub, "hubID", $"{path}.hubID");
        if (id is null && hubId is null)
        {
            throw Error($"{path}.hubID", "is required (or id)", node);
        }

        var gateways = new List<string>();
        if (OptionalString(hub, "coapGateway", $"{path}.coapGateway") is { } legacy)
        {
            AddGateway(gateways, legacy, $"{path}.coapGateway", Get(hub, "coapGateway")!);
        }

        if (Get(hub, "gateways") is { } gatewaysNode)
        {
            ForEach(gatewaysNode, $"{path}.gateways", (item, itemPath) => AddGateway(gateways, Scalar(item, itemPath), itemPath, item));
        }

        if (gateways.Count == 0)
        {
            throw Error($"{path}.gateways", "at least one gateway URI is required", node);
        }

        var ca = RequiredMapping(hub, "certificateAuthority", $"{path}.certificateAuthority", "certFile", "keyFile");
        var authorization = OptionalMapping(hub, "authorization", $"{path}.authorization", "ownerClaim", "deviceIDClaim", "provider");
        var provider = authorization is null ? null : OptionalMapping(authorization, "provider", $"{path}.authorization.provider", "name", "authority", "clientID", "clientSecretFile", "scopes", "audience", "http");
        var caPool = OptionalString(hub, "caPool", $"{path}.caPool");

        return new HubSettings
        {
            Id = id ?? hubId!.Value,
            HubId = hubId ?? id!.Value,
            Gateways = gateways,
            CertificateAuthority = ReadTlsFiles(ca, $"{path}.certificateAuthority"),
            CaPoolFile = caPool is null ? null : ExistingFile(caPool, $"{path}.caPool", Get(hub, "caPool")!),
            OwnerClaim = OptionalString(authorization, "ownerClaim", $"{path}.authorization.ownerClaim") ?? "sub",
            DeviceIdClaim = OptionalString(authorization, "deviceIDClaim", $"{path}.authorization.deviceIDClaim"),
            ProviderName = OptionalString(provider, "name", $"{path}.authorization.provider.name") ?? "plgd",
        };
    }

    private FaultRule ReadFault(YamlNode node, string path)
    {
        if (node is not YamlMappingNode map)
        {
            throw Error(path, "expected a mapping", node);
        }

        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = Scalar(keyNode, path);
            fields[key] = Scalar(valueNode, $"{path}.{key}");
        }

        try
        {
            return FaultRule.FromFields(fields, path);
        }
        catch (FaultRuleFormatException ex)
        {
            throw Error(ex.KeyPath, ex.Reason, node);
        }
    }

    private TlsFiles ReadTlsFiles(YamlMappingNode map, string path) =>
        new(
            ExistingFile(RequiredString(map, "certFile", $"{path}.certFile"), $"{path}.certFile", Get(map, "certFile")!),
            ExistingFile(RequiredString(map, "keyFile", $"{path}.keyFile"), $"{path}.keyFile", Get(map, "keyFile")!));

    private void AddGateway(List<string> gateways, string uri, string path, YamlNode node)
    {
        var text = uri.Trim();
        if (text.Length == 0)
        {
            throw Error(path, "is empty", node);
        }

        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "coaps+tcp://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
        {
            throw Error(path, $"'{uri}' is not a gateway URI like coaps+tcp://host:port", node);
        }

        if (!s_allowedSchemes.Contains(parsed.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            throw Error(path, $"scheme '{parsed.Scheme}' is not one of coap, coaps, coap+tcp, coaps+tcp", node);
        }

        if (!gateways.Contains(text, StringComparer.Ordinal))
        {
            gateways.Add(text);
        }
    }

    private byte[]? ReadFileOrData(YamlMappingNode? map, string key, string path, bool required)
    {
        var value = required ? RequiredString(map, key, path) : OptionalString(map, key, path);
        if (value is null)
        {
            return null;
        }

        var node = Get(map, key)!;
        if (value.StartsWith(DataUriPrefix, StringComparison.Ordinal))
        {
            try
            {
                return Convert.FromBase64String(value[DataUriPrefix.Length..]);
            }
            catch (FormatException ex)
            {
                throw Error(path, $"the data URI is not valid base64 ({ex.Message})", node);
            }
        }

        if (value.StartsWith("data:", StringComparison.Ordinal))
        {
            throw Error(path, "only 'data:;base64,' data URIs are supported", node);
        }

        var file = ExistingFile(value, path, node);
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Error(path, $"cannot read '{file}' ({ex.Message})", node);
        }
    }

    private string FirstCertificateCommonName(string pem, string path, YamlNode node)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(pem);
        }
        catch (CryptographicException ex)
        {
            throw Error(path, $"not a PEM certificate chain ({ex.Message})", node);
        }

        if (collection.Count == 0)
        {
            throw Error(path, "contains no PEM certificate", node);
        }

        try
        {
            var name = collection[0].GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            if (string.IsNullOrEmpty(name))
            {
                throw Error(path, "the first certificate has no common name; set leadCertificateName", node);
            }

            return name;
        }
        finally
        {
            foreach (var certificate in collection)
            {
                certificate.Dispose();
            }
        }
    }

    private string ResolvePath(string path, string keyPath, YamlNode? node = null) =>
        path.Contains('\0', StringComparison.Ordinal)
            ? throw Error(keyPath, "the path contains a NUL character", node)
            : Path.GetFullPath(Path.Combine(_baseDirectory, path));

    private string ExistingFile(string path, string keyPath, YamlNode node)
    {
        var full = ResolvePath(path, keyPath, node);
        if (!File.Exists(full))
        {
            throw Error(keyPath, $"file '{full}' does not exist", node);
        }

        return full;
    }

    private static YamlNode? Get(YamlMappingNode? map, string key)
    {
        if (map is null)
        {
            return null;
        }

        return map.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value) ? value : null;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    private YamlMappingNode Mapping(YamlNode node, string path, params string[] allowedKeys)
    {
        if (node is not YamlMappingNode map)
        {
            throw Error(path, "expected a mapping", node);
        }

        foreach (var keyNode in map.Children.Keys)
        {
            var key = keyNode is YamlScalarNode scalar ? scalar.Value : null;
            if (key is null || !allowedKeys.Contains(key, StringComparer.Ordinal))
            {
                var where = path == "(root)" ? key : $"{path}.{key}";
                throw Error(where ?? path, $"unknown key (expected one of: {string.Join(", ", allowedKeys)})", keyNode);
            }
        }

        return map;
    }

    private YamlMappingNode RequiredMapping(YamlMappingNode? parent, string key, string path, params string[] allowedKeys) =>
        OptionalMapping(parent, key, path, allowedKeys) ?? throw Error(path, "is required", parent);

    private YamlMappingNode? OptionalMapping(YamlMappingNode? parent, string key, string path, params string[] allowedKeys) =>
        Get(parent, key) is { } node ? Mapping(node, path, allowedKeys) : null;

    private void ForEach(YamlNode node, string path, Action<YamlNode, string> onItem)
    {
        if (node is not YamlSequenceNode sequence)
        {
            throw Error(path, "expected a list", node);
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            onItem(sequence.Children[i], $"{path}[{i}]");
        }
    }

    private string Scalar(YamlNode node, string path) =>
        node is YamlScalarNode scalar ? scalar.Value ?? string.Empty : throw Error(path, "expected a single value", node);

    private string? OptionalString(YamlMappingNode? map, string key, string path)
    {
        if (Get(map, key) is not { } node)
        {
            return null;
        }

        var value = Scalar(node, path).Trim();
        return value.Length == 0 ? null : value;
    }

    private string RequiredString(YamlMappingNode? map, string key, string path) =>
        OptionalString(map, key, path) ?? throw Error(path, "is required", Get(map, key) ?? map);

    private Guid? OptionalUuid(YamlMappingNode map, string key, string path)
    {
        if (OptionalString(map, key, path) is not { } text)
        {
            return null;
        }

        if (!DeviceUuid.TryParse(text, out var uuid) || uuid == Guid.Empty)
        {
            throw Error(path, $"'{text}' is not a non-nil UUID (8-4-4-4-12 hex)", Get(map, key));
        }

        return uuid;
    }

    private Guid RequiredUuid(YamlMappingNode map, string key, string path) =>
        OptionalUuid(map, key, path) ?? throw Error(path, "is required", map);

    private bool? OptionalBool(YamlMappingNode? map, string key, string path)
    {
        if (OptionalString(map, key, path) is not { } text)
        {
            return null;
        }

        return text.ToUpperInvariant() switch
        {
            "TRUE" or "YES" or "ON" => true,
            "FALSE" or "NO" or "OFF" => false,
            _ => throw Error(path, $"'{text}' is not true or false", Get(map, key)),
        };
    }

    private TimeSpan? OptionalDuration(YamlMappingNode? map, string key, string path, bool allowZero = false)
    {
        if (OptionalString(map, key, path) is not { } text)
        {
            return null;
        }

        if (!GoDuration.TryParse(text, out var duration) || (!allowZero && duration == TimeSpan.Zero))
        {
            throw Error(path, $"'{text}' is not a {(allowZero ? string.Empty : "positive ")}duration (e.g. 1h, 30m, 10s)", Get(map, key));
        }

        return duration;
    }

    private IPEndPoint? OptionalEndpoint(YamlMappingNode? map, string key, string path)
    {
        if (OptionalString(map, key, path) is not { } text)
        {
            return null;
        }

        var candidate = text.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1" + text["localhost".Length..] : text;
        if (!IPEndPoint.TryParse(candidate, out var endpoint)
            || (endpoint.Port == 0 && !candidate.EndsWith(":0", StringComparison.Ordinal))
            || !candidate.Contains(':', StringComparison.Ordinal)
            || candidate.EndsWith(']'))
        {
            throw Error(path, $"'{text}' is not an address like 127.0.0.1:20030 or [::1]:20030", Get(map, key));
        }

        return endpoint;
    }

    private ServiceConfigException Error(string keyPath, string reason, YamlNode? node) =>
        new(_filePath, keyPath, reason, node is null ? null : node.Start.Line);
}
