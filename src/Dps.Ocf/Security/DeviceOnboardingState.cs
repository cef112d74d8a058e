namespace Dps.Ocf.Security;

/// <summary>Device onboarding state, <c>pstat.dos.s</c> (OCF security specification values).</summary>
public enum DeviceOnboardingState
{
    /// <summary>RESET: the device is being reset to its factory state.</summary>
    Reset = 0,

    /// <summary>RFOTM: ready for ownership transfer.</summary>
    Rfotm = 1,

    /// <summary>RFPRO: ready for provisioning.</summary>
    Rfpro = 2,

    /// <summary>RFNOP: ready for normal operation.</summary>
    Rfnop = 3,

    /// <summary>SRESET: soft reset.</summary>
    Sreset = 4,
}
