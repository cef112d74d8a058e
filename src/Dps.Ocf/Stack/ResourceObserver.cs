using Dps.Coap.Observe;

namespace Dps.Ocf.Stack;

/// <summary>One accepted Observe registration on a resource, with what is needed to rebuild its representation.</summary>
internal sealed class ResourceObserver
{
    public ResourceObserver(ICoapObserver observer, OcfRequest request, bool versionOption, ushort contentFormat)
    {
        Observer = observer;
        Request = request;
        VersionOption = versionOption;
        ContentFormat = contentFormat;
    }

    public ICoapObserver Observer { get; }

    /// <summary>The registration request as routed (interface, query, peer).</summary>
    public OcfRequest Request { get; }

    /// <summary>The registration carried option 2049, so notifications carry 2053.</summary>
    public bool VersionOption { get; }

    /// <summary>The Content-Format notifications use.</summary>
    public ushort ContentFormat { get; }
}
