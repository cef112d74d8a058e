namespace Dps.Client;

/// <summary>
/// A custom retry scheduler (<c>plgd_dps_set_schedule_action</c>, PROTOCOL.md §3.4). It replaces the
/// default scheduler and is then also responsible for endpoint rotation.
/// </summary>
/// <param name="action">The next step flag (<see cref="DpsStatus.GetTime"/> … <see cref="DpsStatus.GetAcls"/>),
/// <see cref="DpsStatus.RenewCredentials"/> for renewals, or <see cref="DpsStatus.Uninitialized"/> (0)
/// when nothing is pending.</param>
/// <param name="retryCount">0 for the first attempt of the action, then 1, 2, …</param>
/// <param name="schedule">The request timeout and failure delay to use; zero parts fall back to the defaults.</param>
/// <returns><see langword="true"/> to use <paramref name="schedule"/>; <see langword="false"/> resets the
/// counter to 0 and asks again, and a second <see langword="false"/> selects the defaults.</returns>
public delegate bool DpsScheduleAction(DpsStatus action, int retryCount, out DpsRetrySchedule schedule);
