using System.Formats.Cbor;
using System.Security.Cryptography;
using Dps.Ocf.Internal;
using Dps.Security;

namespace Dps.Ocf.Security;

/// <summary>
/// The device's persistent EC P-256 key pair (PROTOCOL §2.7): store <c>keypair_N</c>, a secret
/// (0600) CBOR map <c>{"pkcs8": h'…'}</c> holding the PKCS#8 private key. Generated when missing
/// or unreadable and on factory reset, never per CSR.
/// </summary>
internal static class DeviceKeyStore
{
    /// <summary>The store name prefix (<c>keypair_0</c> for device 0).</summary>
    public const string StoreName = "keypair";

    /// <summary>The stored key pair, or a new one (then saved) when missing or corrupt.</summary>
    public static ECDsa LoadOrCreate(IOcfStore store, int deviceIndex, out bool created)
    {
        string name = OcfStoreName.For(StoreName, deviceIndex);
        if (TryLoad(store.Load(name)) is { } key)
        {
            created = false;
            return key;
        }

        created = true;
        return Create(store, deviceIndex);
    }

    /// <summary>Generates a new key pair and saves it, replacing the old one.</summary>
    public static ECDsa Create(IOcfStore store, int deviceIndex)
    {
        var key = EcKeys.Generate(EcKeyCurve.P256);
        byte[] pkcs8 = key.ExportPkcs8PrivateKey();
        try
        {
            var writer = new CborWriter(CborConformanceMode.Lax);
            writer.WriteStartMap(1);
            writer.WriteTextString("pkcs8");
            writer.WriteByteString(pkcs8);
            writer.WriteEndMap();
            byte[] encoded = writer.Encode();
            try
            {
                store.Save(OcfStoreName.For(StoreName, deviceIndex), encoded, secret: true);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(encoded);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        return key;
    }

    private static ECDsa? TryLoad(byte[]? data)
    {
        if (data is null)
        {
            return null;
        }

        try
        {
            var root = CborNode.ParseMap(data);
            if (!root.TryGet("pkcs8", out var value) || value.Kind != CborNodeKind.Bytes)
            {
                return null;
            }

            var key = ECDsa.Create();
            try
            {
                key.ImportPkcs8PrivateKey(value.Bytes, out _);
                if (EcKeys.GetCurve(key) != EcKeyCurve.P256)
                {
                    key.Dispose();
                    return null;
                }

                return key;
            }
            catch (CryptographicException)
            {
                key.Dispose();
                return null;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(value.Bytes);
            }
        }
        catch (OcfFormatException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(data);
        }
    }
}
