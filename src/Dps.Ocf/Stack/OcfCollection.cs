using Dps.Coap;
using Dps.Ocf.Representation;
using Dps.Ocf.Stack;

namespace Dps.Ocf;

/// <summary>
/// A collection (<c>oic.wk.col</c>): a resource whose GET lists links to other resources
/// (<c>oic.if.ll</c>, the default), all properties with the links (baseline), or the linked
/// resources' representations (<c>oic.if.b</c>, batch). Batch observers are notified when a
/// linked resource changes.
/// </summary>
public sealed class OcfCollection : OcfResource
{
    private readonly Lock _lock = new();
    private OcfResource[] _links = [];

    /// <summary>Creates a collection.</summary>
    /// <param name="uri">The path, e.g. <c>/switches</c>.</param>
    /// <param name="resourceTypes">Extra resource types (<c>oic.wk.col</c> is always first).</param>
    /// <param name="policy">Policy bits.</param>
    public OcfCollection(
        string uri,
        IEnumerable<string>? resourceTypes = null,
        OcfResourcePolicy policy = OcfResourcePolicy.Discoverable | OcfResourcePolicy.Observable)
        : base(uri, WithCollectionType(resourceTypes), [OcfInterfaces.LinkList, OcfInterfaces.Batch, OcfInterfaces.Baseline], policy)
    {
        GetHandler = HandleGetAsync;
    }

    /// <summary>The linked resources, in order.</summary>
    public IReadOnlyList<OcfResource> Links => Volatile.Read(ref _links);

    /// <summary>Links <paramref name="resource"/> (observers of the collection are told).</summary>
    /// <exception cref="InvalidOperationException">Already linked.</exception>
    public void AddLink(OcfResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        lock (_lock)
        {
            if (Array.IndexOf(_links, resource) >= 0)
            {
                throw new InvalidOperationException($"{resource.Uri} is already linked from {Uri}.");
            }

            _links = [.. _links, resource];
        }

        resource.AddParent(this);
        NotifyObservers();
    }

    /// <summary>Unlinks <paramref name="resource"/>; false when it was not linked.</summary>
    public bool RemoveLink(OcfResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        lock (_lock)
        {
            if (Array.IndexOf(_links, resource) < 0)
            {
                return false;
            }

            _links = Array.FindAll(_links, r => !ReferenceEquals(r, resource));
        }

        resource.RemoveParent(this);
        NotifyObservers();
        return true;
    }

    private static IEnumerable<string> WithCollectionType(IEnumerable<string>? resourceTypes)
    {
        yield return OcfResourceTypes.Collection;
        foreach (string type in resourceTypes ?? [])
        {
            if (!string.Equals(type, OcfResourceTypes.Collection, StringComparison.Ordinal))
            {
                yield return type;
            }
        }
    }

    private async ValueTask<OcfResponse> HandleGetAsync(OcfRequest request, CancellationToken cancellationToken)
    {
        var links = Links;
        var device = request.Device;
        switch (request.Interface)
        {
            case OcfInterfaces.Batch:
                return await device.BuildBatchAsync(request, links, absoluteHref: false, cancellationToken).ConfigureAwait(false);
            case OcfInterfaces.Baseline:
                return request.Content(writer =>
                {
                    writer.WriteTextString("links");
                    LinkWriter.WriteArray(writer, device, links, null);
                });
            default:
                var arrayWriter = OcfCbor.CreateWriter();
                LinkWriter.WriteArray(arrayWriter, device, links, null);
                return OcfResponse.FromWriter(CoapCode.Content, arrayWriter);
        }
    }
}
