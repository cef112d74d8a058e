namespace Dps.Ocf.Cloud;

/// <summary>The cloud manager selected another server of <c>x.org.iotivity.servers</c>.</summary>
public sealed class CloudServerChangedEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public CloudServerChangedEventArgs(CloudServer previous, CloudServer current)
    {
        Previous = previous;
        Current = current;
    }

    /// <summary>The server used before.</summary>
    public CloudServer Previous { get; }

    /// <summary>The newly selected server (<c>cis</c>/<c>sid</c>).</summary>
    public CloudServer Current { get; }
}
