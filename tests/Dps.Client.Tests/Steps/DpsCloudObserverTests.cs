using Dps.Client.Steps;

namespace Dps.Client.Tests.Steps;

public class DpsCloudObserverTests
{
    private const string Hub1 = "coaps+tcp://hub1:5684";
    private const string Hub2 = "coaps+tcp://hub2:5684";
    private const string Hub3 = "coaps+tcp://hub3:5684";
    private const string Id1 = "adebc667-1f2b-41e3-bf5c-6d6eabc68cc6";
    private const string Id2 = "11111111-2222-3333-4444-555555555555";
    private const string Nil = "00000000-0000-0000-0000-000000000000";

    [Test]
    public void Start_RemainingChangesIsOtherServers()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DpsCloudObserver.Start(Hub1, Id1, 3).RemainingServerChanges, Is.EqualTo(2));
            Assert.That(DpsCloudObserver.Start(Hub1, Id1, 1).RemainingServerChanges, Is.Zero);
            Assert.That(DpsCloudObserver.Start(Hub1, Id1, 0).RemainingServerChanges, Is.Zero);
        });
    }

    [Test]
    public void OnCheck_ManagerNotRunning_FullReprovision()
    {
        var (_, action) = DpsCloudObserver.OnCheck(DpsCloudObserver.Start(Hub1, Id1, 1), 30, false, false, false, false);
        Assert.That(action, Is.EqualTo(DpsCloudObserverAction.FullReprovision));
    }

    [Test]
    public void OnCheck_RegisteredThenLoggedIn_Finishes()
    {
        var state = DpsCloudObserver.Start(Hub1, Id1, 1);
        (state, var first) = DpsCloudObserver.OnCheck(state, 30, true, true, true, false);
        (state, var second) = DpsCloudObserver.OnCheck(state, 30, true, true, true, true);
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(DpsCloudObserverAction.Continue));
            Assert.That(second, Is.EqualTo(DpsCloudObserverAction.Finished));
        });
    }

    [Test]
    public void OnCheck_NoProgress_SelectsNextServerAtMaxCount()
    {
        var state = DpsCloudObserver.Start(Hub1, Id1, 2);
        var actions = new List<DpsCloudObserverAction>();
        for (var i = 0; i < 5; i++)
        {
            (state, var action) = DpsCloudObserver.OnCheck(state, 5, true, false, false, false);
            actions.Add(action);
        }
        Assert.Multiple(() =>
        {
            Assert.That(actions, Is.EqualTo(new[]
            {
                DpsCloudObserverAction.Continue, DpsCloudObserverAction.Continue, DpsCloudObserverAction.Continue,
                DpsCloudObserverAction.Continue, DpsCloudObserverAction.SelectNextServer,
            }));
            Assert.That(state.RetryCount, Is.Zero);
        });
    }

    [Test]
    public void OnCheck_NoProgressNoAlternative_FullReprovision()
    {
        var state = DpsCloudObserver.Start(Hub1, Id1, 1);
        DpsCloudObserverAction action = default;
        for (var i = 0; i < 3; i++)
        {
            (state, action) = DpsCloudObserver.OnCheck(state, 3, true, true, false, false);
        }
        Assert.That(action, Is.EqualTo(DpsCloudObserverAction.FullReprovision));
    }

    [Test]
    public void OnCheck_ProgressResetsRetryCount()
    {
        var state = DpsCloudObserver.Start(Hub1, Id1, 1);
        (state, _) = DpsCloudObserver.OnCheck(state, 3, true, true, false, false);
        (state, _) = DpsCloudObserver.OnCheck(state, 3, true, true, false, false);
        (state, var action) = DpsCloudObserver.OnCheck(state, 3, true, true, true, false);
        Assert.Multiple(() =>
        {
            Assert.That(action, Is.EqualTo(DpsCloudObserverAction.Continue));
            Assert.That(state.RetryCount, Is.Zero);
        });
    }

    [Test]
    public void OnServerChanged_NoChangesRemaining_Nothing()
    {
        var state = DpsCloudObserver.Start(Hub1, Id1, 1);
        var (next, action) = DpsCloudObserver.OnServerChanged(state, Hub2, Id2);
        Assert.Multiple(() =>
        {
            Assert.That(action, Is.EqualTo(DpsCloudObserverAction.Continue));
            Assert.That(next, Is.EqualTo(state));
        });
    }

    [Test]
    public void OnServerChanged_BackToInitial_FullReprovision()
    {
        var state = DpsCloudObserver.Start(Hub1, Id1, 2);
        Assert.That(DpsCloudObserver.OnServerChanged(state, Hub1, Id1).Action, Is.EqualTo(DpsCloudObserverAction.FullReprovision));
    }

    [Test]
    public void OnServerChanged_SameHubId_ContinuesAndCounts()
    {
        var state = DpsCloudObserver.Start(Hub1, Id1, 3);
        var (next, action) = DpsCloudObserver.OnServerChanged(state, Hub2, Id1);
        Assert.Multiple(() =>
        {
            Assert.That(action, Is.EqualTo(DpsCloudObserverAction.Continue));
            Assert.That(next.RemainingServerChanges, Is.EqualTo(1));
        });
    }

    [Test]
    public void OnServerChanged_OtherHubId_ReprovisionCredentials()
    {
        var state = DpsCloudObserver.Start(Hub1, Id1, 3);
        var (next, action) = DpsCloudObserver.OnServerChanged(state, Hub3, Id2);
        Assert.Multiple(() =>
        {
            Assert.That(action, Is.EqualTo(DpsCloudObserverAction.ReprovisionCredentials));
            Assert.That(next.LastServerId, Is.EqualTo(Id2));
            Assert.That(next.RemainingServerChanges, Is.EqualTo(1));
        });
    }

    [Test]
    public void OnServerChanged_NilHubId_NotAChange()
    {
        var state = DpsCloudObserver.Start(Hub1, Id1, 3);
        Assert.That(DpsCloudObserver.OnServerChanged(state, Hub3, Nil).Action, Is.EqualTo(DpsCloudObserverAction.Continue));
    }

    [Test]
    public void ClearCredentialsAndAcls_KeepsEarlierSteps()
    {
        var status = DpsStatus.Initialized | DpsStatus.ProvisionedMask | DpsStatus.CloudStarted;
        Assert.That(DpsCloudObserver.ClearCredentialsAndAcls(status),
            Is.EqualTo(DpsStatus.Initialized | DpsStatus.HasTime | DpsStatus.HasOwner | DpsStatus.HasCloud));
    }
}
