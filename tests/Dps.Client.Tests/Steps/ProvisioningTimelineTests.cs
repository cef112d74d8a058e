using Dps.Client.Steps;
using Dps.Coap;

namespace Dps.Client.Tests.Steps;

/// <summary>
/// Drives <see cref="DpsStepMachine"/> and <see cref="DpsRetryState"/> through whole provisionings
/// against a scripted fake server, as data: no clock, no sockets (PROTOCOL.md §3.1, §3.2).
/// </summary>
public class ProvisioningTimelineTests
{
    private const DpsStatus I = DpsStatus.Initialized;

    private sealed record Attempt(TimeSpan At, DpsStatus Step, int RetryCount, TimeSpan Timeout, string Endpoint);

    /// <summary>A fake DPS: each step answers its scripted responses first, then succeeds.</summary>
    private sealed class ScriptedServer
    {
        private readonly Dictionary<DpsStatus, Queue<DpsResponse>> _script = [];

        public Dictionary<DpsStatus, int> Requests { get; } = [];

        public ScriptedServer FailEveryStep(int times, DpsResponse response)
        {
            foreach (var step in DpsStepMachine.Steps)
            {
                Fail(step, times, response);
            }
            return this;
        }

        public ScriptedServer Fail(DpsStatus step, int times, DpsResponse response)
        {
            _script[step] = new Queue<DpsResponse>(Enumerable.Repeat(response, times));
            return this;
        }

        public Func<string, bool> IsReachable { get; init; } = _ => true;

        public DpsResponse Handle(DpsStatus step, string endpoint)
        {
            if (!IsReachable(endpoint))
            {
                return DpsResponse.RequestTimeout;
            }
            Requests[step] = Requests.GetValueOrDefault(step) + 1;
            if (_script.TryGetValue(step, out var queue) && queue.Count > 0)
            {
                return queue.Dequeue();
            }
            return DpsResponse.FromCode(step is DpsStatus.GetCloud or DpsStatus.GetCredentials ? CoapCode.Changed : CoapCode.Content);
        }
    }

    private sealed class Simulation(ScriptedServer server, DpsEndpointList endpoints, int seed)
    {
        private readonly DpsRetryState _retry = new(DpsRetryConfiguration.Default, new Random(seed));
        private TimeSpan _now;

        public List<Attempt> Attempts { get; } = [];

        public List<TimeSpan> FailureDelays { get; } = [];

        public DpsStepState State { get; private set; } = new(I);

        public TimeSpan? CloudStartedAt { get; private set; }

        public void Run(int maxAttempts)
        {
            _retry.Reset(DpsStepMachine.GetNextStep(State.Status));
            while (Attempts.Count < maxAttempts)
            {
                var step = DpsStepMachine.GetNextStep(State.Status);
                if (step == DpsStatus.Uninitialized)
                {
                    CloudStartedAt = _now;
                    return;
                }
                State = DpsStepMachine.OnDispatch(State, step);
                var endpoint = endpoints.Selected!.Uri;
                Attempts.Add(new Attempt(_now, step, _retry.Count, _retry.RequestTimeout, endpoint));
                var response = server.Handle(step, endpoint);
                if (DpsResponseClassifier.IsTimeoutError(response))
                {
                    _now += _retry.RequestTimeout;
                }
                var result = DpsStepMachine.OnResponse(State, step, response);
                if (result.Action == DpsStepAction.Apply)
                {
                    result = DpsStepMachine.OnApplied(result.State, step, DpsError.Ok);
                }
                State = result.State;
                switch (result.Action)
                {
                    case DpsStepAction.NextStep:
                        _retry.Reset(DpsStepMachine.GetNextStep(State.Status));
                        continue;
                    case DpsStepAction.RetryAfterDelay:
                        var delay = _retry.GetFailureDelay();
                        FailureDelays.Add(delay);
                        _now += delay;
                        break;
                    case DpsStepAction.RetryImmediately:
                        break;
                    default:
                        Assert.Fail($"unexpected action {result.Action}");
                        break;
                }
                State = DpsStepMachine.OnRetry(State);
                if (_retry.Increment(DpsStepMachine.GetNextStep(State.Status)))
                {
                    endpoints.SelectNext();
                }
            }
        }
    }

    private static DpsEndpointList OneEndpoint()
    {
        var list = new DpsEndpointList();
        list.Add("coaps+tcp://dps.example:15684", "primary");
        return list;
    }

    private static Dictionary<DpsStatus, int> Counts(int time, int owner, int cloud, int credentials, int acls) => new()
    {
        [DpsStatus.GetTime] = time,
        [DpsStatus.GetOwner] = owner,
        [DpsStatus.GetCloud] = cloud,
        [DpsStatus.GetCredentials] = credentials,
        [DpsStatus.GetAcls] = acls,
    };

    [Test]
    public void Run_NoFailures_OneRequestPerStepAndCloudStartsImmediately()
    {
        var server = new ScriptedServer();
        var simulation = new Simulation(server, OneEndpoint(), seed: 1);
        simulation.Run(100);
        Assert.Multiple(() =>
        {
            Assert.That(server.Requests, Is.EquivalentTo(Counts(1, 1, 1, 1, 1)));
            Assert.That(simulation.Attempts.Select(a => a.Step), Is.EqualTo(DpsStepMachine.Steps));
            Assert.That(simulation.CloudStartedAt, Is.EqualTo(TimeSpan.Zero));
            Assert.That(simulation.State.Status, Is.EqualTo(I | DpsStatus.ProvisionedMask));
        });
    }

    [Test]
    public void Run_One500PerStep_RequestCountsMatchHubTest()
    {
        var server = new ScriptedServer().FailEveryStep(1, DpsResponse.FromCode(CoapCode.InternalServerError));
        var simulation = new Simulation(server, OneEndpoint(), seed: 5);
        simulation.Run(100);
        Assert.Multiple(() =>
        {
            Assert.That(server.Requests, Is.EquivalentTo(Counts(6, 5, 4, 3, 2)));
            Assert.That(simulation.State.Status, Is.EqualTo(I | DpsStatus.ProvisionedMask));
            Assert.That(simulation.State.LastError, Is.EqualTo(DpsError.Ok));
            Assert.That(simulation.FailureDelays, Has.Count.EqualTo(5));
            // Every failure happens on a first attempt (a success resets the counter): wait in [5, 10) s.
            Assert.That(simulation.FailureDelays, Has.All.InRange(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(9999)));
            Assert.That(simulation.CloudStartedAt, Is.EqualTo(simulation.FailureDelays.Aggregate(TimeSpan.Zero, (a, b) => a + b)));
        });
    }

    [Test]
    public void Run_One500PerStep_DelaysAreTheSeededJitterOfFirstAttempts()
    {
        const int Seed = 5;
        var simulation = new Simulation(
            new ScriptedServer().FailEveryStep(1, DpsResponse.FromCode(CoapCode.InternalServerError)), OneEndpoint(), Seed);
        simulation.Run(100);

        // Replay the scheduler's draws independently: every Reset (counter 0) draws Next(5000), every
        // Increment to counter 1 draws Next(10000). Order: T✗ ·inc· T O✗ ·inc· T O C✗ ·inc· T O C R✗ ·inc· T O C R A✗ ·inc·
        // (✗ = the failing attempt whose draw is used as its failure delay).
        var random = new Random(Seed);
        var halves = new[]
        {
            5000, 10000, 5000, 10000, 5000, 5000, 10000, 5000, 5000, 5000, 10000, 5000, 5000, 5000, 5000, 10000,
        };
        var draws = halves.Select(h => h + random.Next(h)).ToArray();
        var expected = new[] { draws[0], draws[2], draws[5], draws[9], draws[14] }.Select(ms => TimeSpan.FromMilliseconds(ms));
        Assert.That(simulation.FailureDelays, Is.EqualTo(expected));
        var attemptTimes = simulation.Attempts.Select(a => a.At).Distinct().ToList();
        Assert.That(attemptTimes, Is.EqualTo(new[]
        {
            TimeSpan.Zero,
            TimeSpan.FromMilliseconds(draws[0]),
            TimeSpan.FromMilliseconds(draws[0] + draws[2]),
            TimeSpan.FromMilliseconds(draws[0] + draws[2] + draws[5]),
            TimeSpan.FromMilliseconds(draws[0] + draws[2] + draws[5] + draws[9]),
            TimeSpan.FromMilliseconds(draws[0] + draws[2] + draws[5] + draws[9] + draws[14]),
        }));
    }

    [Test]
    public void Run_One500OnOwnership_RestartsAtTimeAfterFirstDelay()
    {
        var server = new ScriptedServer().Fail(DpsStatus.GetOwner, 1, DpsResponse.FromCode(CoapCode.InternalServerError));
        var run = new Simulation(server, OneEndpoint(), seed: 9);
        run.Run(100);
        Assert.Multiple(() =>
        {
            Assert.That(run.Attempts.Select(a => a.Step), Is.EqualTo(new[]
            {
                DpsStatus.GetTime, DpsStatus.GetOwner, DpsStatus.GetTime, DpsStatus.GetOwner, DpsStatus.GetCloud,
                DpsStatus.GetCredentials, DpsStatus.GetAcls,
            }));
            Assert.That(run.Attempts[2].At - run.Attempts[1].At,
                Is.InRange(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(9999)));
            Assert.That(run.Attempts[2].RetryCount, Is.EqualTo(1));
            Assert.That(run.Attempts[2].Timeout, Is.EqualTo(TimeSpan.FromSeconds(20)));
            Assert.That(run.Attempts[3].RetryCount, Is.Zero);
        });
    }

    [Test]
    public void Run_One503OnCredentials_OnlyCredentialsRetried()
    {
        var server = new ScriptedServer().Fail(DpsStatus.GetCredentials, 1, DpsResponse.FromCode(CoapCode.ServiceUnavailable));
        var run = new Simulation(server, OneEndpoint(), seed: 9);
        run.Run(100);
        Assert.Multiple(() =>
        {
            Assert.That(server.Requests, Is.EquivalentTo(Counts(1, 1, 1, 2, 1)));
            Assert.That(run.Attempts[4].At - run.Attempts[3].At,
                Is.InRange(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(9999)));
        });
    }

    [Test]
    public void Run_Three503PerStep_RequestCountsMatchHubTest()
    {
        var server = new ScriptedServer().FailEveryStep(3, DpsResponse.FromCode(CoapCode.ServiceUnavailable));
        var simulation = new Simulation(server, OneEndpoint(), seed: 11);
        simulation.Run(200);
        Assert.Multiple(() =>
        {
            Assert.That(server.Requests, Is.EquivalentTo(Counts(8, 7, 6, 5, 4)));
            Assert.That(simulation.State.Status, Is.EqualTo(I | DpsStatus.ProvisionedMask));
            Assert.That(simulation.FailureDelays, Has.Count.EqualTo(15));
        });
        // Each step fails on retry counters 0, 1 and 2: waits in [5,10), [10,20), [20,40) s.
        for (var i = 0; i < simulation.FailureDelays.Count; i += 3)
        {
            Assert.Multiple(() =>
            {
                Assert.That(simulation.FailureDelays[i], Is.InRange(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(9999)));
                Assert.That(simulation.FailureDelays[i + 1], Is.InRange(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(19999)));
                Assert.That(simulation.FailureDelays[i + 2], Is.InRange(TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(39999)));
            });
        }
    }

    [Test]
    public void Run_SameSeed_SameTimeline()
    {
        List<Attempt> RunOnce()
        {
            var simulation = new Simulation(
                new ScriptedServer().FailEveryStep(2, DpsResponse.FromCode(CoapCode.GatewayTimeout)), OneEndpoint(), seed: 3);
            simulation.Run(200);
            return simulation.Attempts;
        }
        var first = RunOnce();
        var second = RunOnce();
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Run_FirstEndpointSilent_TimeoutScheduleThenSwitchesEndpoint()
    {
        var endpoints = OneEndpoint();
        endpoints.Add("coaps+tcp://dps2.example:15684", "secondary");
        var server = new ScriptedServer { IsReachable = uri => uri.Contains("dps2", StringComparison.Ordinal) };
        var simulation = new Simulation(server, endpoints, seed: 1);
        simulation.Run(100);
        var silent = simulation.Attempts.Take(5).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(silent.Select(a => a.At.TotalSeconds), Is.EqualTo(new double[] { 0, 10, 30, 70, 150 }));
            Assert.That(silent.Select(a => a.Timeout.TotalSeconds), Is.EqualTo(new double[] { 10, 20, 40, 80, 120 }));
            Assert.That(silent, Has.All.Property(nameof(Attempt.Step)).EqualTo(DpsStatus.GetTime));
            Assert.That(simulation.Attempts[5].At, Is.EqualTo(TimeSpan.FromSeconds(270)));
            Assert.That(simulation.Attempts[5].Endpoint, Is.EqualTo("coaps+tcp://dps2.example:15684"));
            Assert.That(simulation.Attempts[5].Timeout, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(simulation.Attempts[5].RetryCount, Is.Zero);
            Assert.That(simulation.CloudStartedAt, Is.EqualTo(TimeSpan.FromSeconds(270)));
        });
    }
}
