using System.Formats.Cbor;
using Dps.Coap;
using Dps.Ocf.Representation;
using Dps.Ocf.Stack;

namespace Dps.Ocf;

public sealed partial class OcfDevice
{
    private const OcfResourcePolicy CorePolicy = OcfResourcePolicy.Discoverable | OcfResourcePolicy.Observable;

    /// <summary>
    /// The batch representation of <paramref name="members"/>: <c>[{"href", "rep"}…]</c>, each
    /// member read with its default interface through its GET handler; members the access control
    /// denies, without GET, or answering an error are left out. <c>href</c> is
    /// <c>ocf://&lt;di&gt;/path</c> for <c>/oic/res</c>, the plain path for collections.
    /// </summary>
    internal async ValueTask<OcfResponse> BuildBatchAsync(
        OcfRequest origin, IReadOnlyList<OcfResource> members, bool absoluteHref, CancellationToken cancellationToken)
    {
        var writer = OcfCbor.CreateWriter();
        writer.WriteStartArray(null);
        string anchor = Anchor;
        foreach (var member in members)
        {
            if (await ReadMemberAsync(origin, member, cancellationToken).ConfigureAwait(false) is not { } representation)
            {
                continue;
            }

            writer.WriteStartMap(2);
            writer.WriteTextString("href");
            writer.WriteTextString(absoluteHref ? anchor + member.Uri : member.Uri);
            writer.WriteTextString("rep");
            writer.WriteEncodedValue(representation);
            writer.WriteEndMap();
        }

        writer.WriteEndArray();
        return OcfResponse.FromWriter(CoapCode.Content, writer);
    }

    /// <summary>A member's representation for a batch (definite lengths), or null when left out.</summary>
    private async ValueTask<byte[]?> ReadMemberAsync(OcfRequest origin, OcfResource member, CancellationToken cancellationToken)
    {
        if (member.GetHandler is not { } handler)
        {
            return null;
        }

        var request = origin.With(member, member.DefaultInterface);
        if (Stack.AccessControl.Decide(request) != OcfAccessOutcome.Allow)
        {
            return null;
        }

        try
        {
            var response = await handler(request, cancellationToken).ConfigureAwait(false);
            if (!response.Code.IsSuccess)
            {
                return null;
            }

            if (response.Payload.IsEmpty)
            {
                return [0xA0];
            }

            return OcfCbor.ToDefiniteLength(response.Payload);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            StackLog.HandlerFailed(_logger, Index, CoapCode.Get, member.Uri, ex);
            return null;
        }
    }

    private OcfResource CreatePlatformResource() =>
        new OcfResource("/oic/p", [OcfResourceTypes.Platform], [OcfInterfaces.ReadOnly, OcfInterfaces.Baseline], CorePolicy)
            .OnGet(request => request.Content(writer =>
            {
                writer.WriteTextString("pi");
                writer.WriteTextString(Stack.PlatformId.ToString("D"));
                writer.WriteTextString("mnmn");
                writer.WriteTextString(Stack.Manufacturer);
            }));

    private OcfResource CreateDeviceResource() =>
        new OcfResource("/oic/d", [.. DeviceTypes, OcfResourceTypes.Device], [OcfInterfaces.ReadOnly, OcfInterfaces.Baseline], CorePolicy)
            .OnGet(request => request.Content(writer =>
            {
                writer.WriteTextString("di");
                writer.WriteTextString(DeviceId.ToString("D"));
                writer.WriteTextString("piid");
                writer.WriteTextString(ProtocolIndependentId.ToString("D"));
                writer.WriteTextString("n");
                writer.WriteTextString(Name);
                writer.WriteTextString("icv");
                writer.WriteTextString(SpecVersion);
                writer.WriteTextString("dmv");
                writer.WriteTextString(DataModelVersion);
            }));

    private OcfResource CreateDiscoveryResource() =>
        new OcfResource("/oic/res", [OcfResourceTypes.Discovery], [OcfInterfaces.LinkList, OcfInterfaces.Batch, OcfInterfaces.Baseline], CorePolicy)
            .OnGet(HandleDiscoveryAsync);

    private async ValueTask<OcfResponse> HandleDiscoveryAsync(OcfRequest request, CancellationToken cancellationToken)
    {
        var links = SelectDiscoverable(request.GetQueryParameters("rt"));
        switch (request.Interface)
        {
            case OcfInterfaces.Batch:
                links.Remove(Discovery);
                return await BuildBatchAsync(request, links, absoluteHref: true, cancellationToken).ConfigureAwait(false);
            case OcfInterfaces.Baseline:
                var baseline = OcfCbor.CreateWriter();
                baseline.WriteStartArray(1);
                baseline.WriteStartMap(null);
                OcfCbor.WriteBaselineProperties(baseline, Discovery);
                baseline.WriteTextString("links");
                LinkWriter.WriteArray(baseline, this, links, Discovery);
                baseline.WriteEndMap();
                baseline.WriteEndArray();
                return OcfResponse.FromWriter(CoapCode.Content, baseline);
            default:
                var writer = OcfCbor.CreateWriter();
                LinkWriter.WriteArray(writer, this, links, Discovery);
                return OcfResponse.FromWriter(CoapCode.Content, writer);
        }
    }

    /// <summary>Discoverable resources having one of <paramref name="resourceTypes"/> (all when empty).</summary>
    private List<OcfResource> SelectDiscoverable(IReadOnlyList<string> resourceTypes)
    {
        var selected = new List<OcfResource>();
        foreach (var resource in Resources)
        {
            if (resource.IsDiscoverable && MatchesAny(resource, resourceTypes))
            {
                selected.Add(resource);
            }
        }

        return selected;
    }

    private static bool MatchesAny(OcfResource resource, IReadOnlyList<string> resourceTypes)
    {
        if (resourceTypes.Count == 0)
        {
            return true;
        }

        foreach (string type in resourceTypes)
        {
            if (resource.HasResourceType(type))
            {
                return true;
            }
        }

        return false;
    }

    private OcfResource CreatePlgdTimeResource() =>
        new OcfResource("/x.plgd.dev/time", [OcfResourceTypes.PlgdTime], [OcfInterfaces.ReadWrite, OcfInterfaces.Baseline], CorePolicy)
            .OnGet(request => request.Content(writer =>
            {
                var time = PlgdTime;
                if (!time.IsActive)
                {
                    return;
                }

                writer.WriteTextString("time");
                writer.WriteTextString(PlgdTime.Format(time.GetUtcNow()));
                if (request.IsSecure || request.CoapContext is null)
                {
                    writer.WriteTextString("lastSyncedTime");
                    writer.WriteTextString(PlgdTime.Format(time.LastSyncedTime ?? default));
                    writer.WriteTextString("status");
                    writer.WriteTextString(PlgdTime.ToStatusString(time.Status));
                }
            }))
            .OnPost(HandlePlgdTimePost);

    private OcfResponse HandlePlgdTimePost(OcfRequest request)
    {
        DateTimeOffset? synced = null;
        bool invalid = false;
        OcfCbor.ReadMap(request.Payload, (key, reader) =>
        {
            if (key != "lastSyncedTime")
            {
                return;
            }

            if (reader.PeekState() == CborReaderState.TextString && PlgdTime.TryParse(reader.ReadTextString(), out var time))
            {
                synced = time;
            }
            else
            {
                invalid = true;
            }
        });
        if (invalid || synced is not { } value)
        {
            return OcfResponse.BadRequest();
        }

        PlgdTime.SetTime(value);
        return OcfResponse.Changed();
    }
}
