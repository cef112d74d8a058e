namespace Dps.Client;

/// <summary>Data of a DPS status change notification.</summary>
public sealed class DpsStatusChangedEventArgs : EventArgs
{
    /// <summary>Creates the notification data.</summary>
    public DpsStatusChangedEventArgs(DpsStatus previousStatus, DpsStatus status, DpsError lastError)
    {
        PreviousStatus = previousStatus;
        Status = status;
        LastError = lastError;
    }

    /// <summary>The status before the change.</summary>
    public DpsStatus PreviousStatus { get; }

    /// <summary>The new status.</summary>
    public DpsStatus Status { get; }

    /// <summary>The last error after the change.</summary>
    public DpsError LastError { get; }
}
