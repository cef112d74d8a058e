namespace DpsCloudServer;

/// <summary>The log levels of <c>-l/--log-level</c> and <c>--oc-log-level</c> (iotivity's names).</summary>
internal enum DpsLogLevel
{
    /// <summary>No logging.</summary>
    Disabled,

    /// <summary>Everything, including hex dumps.</summary>
    Trace,

    /// <summary>Message summaries.</summary>
    Debug,

    /// <summary>State changes (the default).</summary>
    Info,

    /// <summary>Noteworthy state changes (logged as Information).</summary>
    Notice,

    /// <summary>Warnings and errors.</summary>
    Warning,

    /// <summary>Errors only.</summary>
    Error,
}
