using Dps.Coap;
using Dps.Ocf.Stack;

namespace Dps.Ocf;

/// <summary>
/// A resource of an <see cref="OcfDevice"/>: URI, resource types, interfaces (the first is the
/// default; <c>oic.if.baseline</c> is always supported), policy, and one handler per method.
/// Handlers run on the device's executor.
/// </summary>
public class OcfResource
{
    private readonly Lock _lock = new();
    private OcfCollection[] _parents = [];

    /// <summary>Creates a resource.</summary>
    /// <param name="uri">The path, e.g. <c>/light/1</c>.</param>
    /// <param name="resourceTypes">One or more resource types.</param>
    /// <param name="interfaces">The interfaces, default first; baseline is added when missing. Null: baseline only.</param>
    /// <param name="policy">Discoverable, observable, secure bits.</param>
    /// <exception cref="ArgumentException">Bad URI, no resource type or an empty name.</exception>
    public OcfResource(
        string uri,
        IEnumerable<string> resourceTypes,
        IEnumerable<string>? interfaces = null,
        OcfResourcePolicy policy = OcfResourcePolicy.Discoverable | OcfResourcePolicy.Observable)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(resourceTypes);
        if (uri.Length < 2 || uri[0] != '/' || uri.Contains('?', StringComparison.Ordinal) || uri.EndsWith('/'))
        {
            throw new ArgumentException($"'{uri}' is not a resource path like /a/b.", nameof(uri));
        }

        string[] types = [.. resourceTypes];
        if (types.Length == 0 || Array.Exists(types, string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A resource needs at least one non-empty resource type.", nameof(resourceTypes));
        }

        var list = new List<string>();
        foreach (string name in interfaces ?? [])
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("Interface names must not be empty.", nameof(interfaces));
            }

            if (!list.Contains(name))
            {
                list.Add(name);
            }
        }

        if (!list.Contains(OcfInterfaces.Baseline))
        {
            list.Add(OcfInterfaces.Baseline);
        }

        Uri = uri;
        ResourceTypes = types;
        Interfaces = [.. list];
        Policy = policy;
    }

    /// <summary>The path.</summary>
    public string Uri { get; }

    /// <summary>The resource types (<c>rt</c>).</summary>
    public IReadOnlyList<string> ResourceTypes { get; }

    /// <summary>The interfaces (<c>if</c>), default first.</summary>
    public IReadOnlyList<string> Interfaces { get; }

    /// <summary>The interface used when a request has no <c>if=</c> query.</summary>
    public string DefaultInterface => Interfaces[0];

    /// <summary>The policy bits.</summary>
    public OcfResourcePolicy Policy { get; }

    /// <summary>True when listed in <c>/oic/res</c>.</summary>
    public bool IsDiscoverable => (Policy & OcfResourcePolicy.Discoverable) != 0;

    /// <summary>True when it accepts Observe registrations.</summary>
    public bool IsObservable => (Policy & OcfResourcePolicy.Observable) != 0;

    /// <summary>True when served only over secured endpoints.</summary>
    public bool IsSecure => (Policy & OcfResourcePolicy.Secure) != 0;

    /// <summary>The human-readable name (<c>n</c> in baseline), or null.</summary>
    public string? Name { get; set; }

    /// <summary>Serves GET (null: 4.05).</summary>
    public OcfRequestHandler? GetHandler { get; set; }

    /// <summary>Serves POST (null: 4.05).</summary>
    public OcfRequestHandler? PostHandler { get; set; }

    /// <summary>Serves PUT (null: 4.05).</summary>
    public OcfRequestHandler? PutHandler { get; set; }

    /// <summary>Serves DELETE (null: 4.05).</summary>
    public OcfRequestHandler? DeleteHandler { get; set; }

    /// <summary>The device the resource was added to, or null.</summary>
    public OcfDevice? Device { get; internal set; }

    /// <summary>Live Observe registrations (touched on the executor only).</summary>
    internal List<ResourceObserver> Observers { get; } = [];

    /// <summary>The collections that link this resource.</summary>
    internal OcfCollection[] Parents => Volatile.Read(ref _parents);

    /// <summary>Sets the GET handler.</summary>
    public OcfResource OnGet(OcfRequestHandler handler)
    {
        GetHandler = handler;
        return this;
    }

    /// <summary>Sets a synchronous GET handler.</summary>
    public OcfResource OnGet(Func<OcfRequest, OcfResponse> handler) => OnGet(Wrap(handler));

    /// <summary>Sets the POST handler.</summary>
    public OcfResource OnPost(OcfRequestHandler handler)
    {
        PostHandler = handler;
        return this;
    }

    /// <summary>Sets a synchronous POST handler.</summary>
    public OcfResource OnPost(Func<OcfRequest, OcfResponse> handler) => OnPost(Wrap(handler));

    /// <summary>Sets the PUT handler.</summary>
    public OcfResource OnPut(OcfRequestHandler handler)
    {
        PutHandler = handler;
        return this;
    }

    /// <summary>Sets a synchronous PUT handler.</summary>
    public OcfResource OnPut(Func<OcfRequest, OcfResponse> handler) => OnPut(Wrap(handler));

    /// <summary>Sets the DELETE handler.</summary>
    public OcfResource OnDelete(OcfRequestHandler handler)
    {
        DeleteHandler = handler;
        return this;
    }

    /// <summary>Sets a synchronous DELETE handler.</summary>
    public OcfResource OnDelete(Func<OcfRequest, OcfResponse> handler) => OnDelete(Wrap(handler));

    /// <summary>True when <paramref name="interface"/> is one of <see cref="Interfaces"/>.</summary>
    public bool SupportsInterface(string @interface)
    {
        foreach (string item in Interfaces)
        {
            if (string.Equals(item, @interface, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="resourceType"/> is one of <see cref="ResourceTypes"/>.</summary>
    public bool HasResourceType(string resourceType)
    {
        foreach (string item in ResourceTypes)
        {
            if (string.Equals(item, resourceType, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Tells observers the representation changed: they (and batch observers of <c>/oic/res</c>
    /// and of collections linking this resource) get a notification, built on the executor.
    /// Does nothing before the resource is added to a device.
    /// </summary>
    public void NotifyObservers() => Device?.Changed(this);

    /// <summary>The handler of <paramref name="method"/>, or null.</summary>
    internal OcfRequestHandler? GetMethodHandler(CoapCode method)
    {
        if (method == CoapCode.Get)
        {
            return GetHandler;
        }

        if (method == CoapCode.Post)
        {
            return PostHandler;
        }

        if (method == CoapCode.Put)
        {
            return PutHandler;
        }

        return method == CoapCode.Delete ? DeleteHandler : null;
    }

    internal void AddParent(OcfCollection collection)
    {
        lock (_lock)
        {
            _parents = [.. _parents, collection];
        }
    }

    internal void RemoveParent(OcfCollection collection)
    {
        lock (_lock)
        {
            _parents = Array.FindAll(_parents, p => !ReferenceEquals(p, collection));
        }
    }

    private static OcfRequestHandler Wrap(Func<OcfRequest, OcfResponse> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return (request, _) => ValueTask.FromResult(handler(request));
    }
}
