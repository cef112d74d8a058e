using Dps.Client.Steps;
using Dps.Coap;

namespace Dps.Client.Tests.Steps;

public class DpsStepMachineTests
{
    private const DpsStatus I = DpsStatus.Initialized;

    [Test]
    public void GetNextStep_FirstMissingHasFlagWins()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DpsStepMachine.GetNextStep(I), Is.EqualTo(DpsStatus.GetTime));
            Assert.That(DpsStepMachine.GetNextStep(I | DpsStatus.HasTime), Is.EqualTo(DpsStatus.GetOwner));
            Assert.That(DpsStepMachine.GetNextStep(I | DpsStatus.HasTime | DpsStatus.HasOwner), Is.EqualTo(DpsStatus.GetCloud));
            Assert.That(DpsStepMachine.GetNextStep(I | DpsStatus.HasTime | DpsStatus.HasOwner | DpsStatus.HasCloud),
                Is.EqualTo(DpsStatus.GetCredentials));
            Assert.That(DpsStepMachine.GetNextStep(I | (DpsStatus.ProvisionedMask & ~DpsStatus.HasAcls)), Is.EqualTo(DpsStatus.GetAcls));
            Assert.That(DpsStepMachine.GetNextStep(I | DpsStatus.ProvisionedMask), Is.EqualTo(DpsStatus.Uninitialized));
            Assert.That(DpsStepMachine.GetNextStep(I | DpsStatus.HasOwner), Is.EqualTo(DpsStatus.GetTime));
        });
    }

    [Test]
    public void GetExpectedStatus_EveryStep_IsPlgdsExactValue()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DpsStepMachine.GetExpectedStatus(DpsStatus.GetTime), Is.EqualTo(I | DpsStatus.GetTime));
            Assert.That(DpsStepMachine.GetExpectedStatus(DpsStatus.GetOwner), Is.EqualTo(I | DpsStatus.HasTime | DpsStatus.GetOwner));
            Assert.That(DpsStepMachine.GetExpectedStatus(DpsStatus.GetCloud),
                Is.EqualTo(I | DpsStatus.HasTime | DpsStatus.HasOwner | DpsStatus.GetCloud));
            Assert.That(DpsStepMachine.GetExpectedStatus(DpsStatus.GetCredentials),
                Is.EqualTo(I | DpsStatus.HasTime | DpsStatus.HasOwner | DpsStatus.HasCloud | DpsStatus.GetCredentials));
            Assert.That(DpsStepMachine.GetExpectedStatus(DpsStatus.GetAcls),
                Is.EqualTo(I | DpsStatus.HasTime | DpsStatus.HasOwner | DpsStatus.HasCloud | DpsStatus.HasCredentials | DpsStatus.GetAcls));
            Assert.That(() => DpsStepMachine.GetExpectedStatus(DpsStatus.HasAcls), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void OnDispatch_AddsGetFlagClearsErrorsAndLastError()
    {
        var state = new DpsStepState(I | DpsStatus.HasTime | DpsStatus.Failure, DpsError.Response);
        var next = DpsStepMachine.OnDispatch(state, DpsStatus.GetOwner);
        Assert.Multiple(() =>
        {
            Assert.That(next.Status, Is.EqualTo(I | DpsStatus.HasTime | DpsStatus.GetOwner));
            Assert.That(next.LastError, Is.EqualTo(DpsError.Ok));
        });
    }

    [Test]
    public void OnDispatch_CloudStep_KeepsErrorFlags()
    {
        var state = new DpsStepState(I | DpsStatus.HasTime | DpsStatus.HasOwner | DpsStatus.TransientFailure);
        Assert.That(DpsStepMachine.OnDispatch(state, DpsStatus.GetCloud).Status,
            Is.EqualTo(I | DpsStatus.HasTime | DpsStatus.HasOwner | DpsStatus.TransientFailure | DpsStatus.GetCloud));
    }

    [Test]
    public void OnResponse_HasFlagAlreadySet_Ignored()
    {
        var state = new DpsStepState(I | DpsStatus.HasTime | DpsStatus.HasOwner);
        var result = DpsStepMachine.OnResponse(state, DpsStatus.GetOwner, DpsResponse.FromCode(CoapCode.Content));
        Assert.That(result, Is.EqualTo(new DpsStepResult(state, DpsStepAction.Ignore)));
    }

    [Test]
    public void OnResponse_GoodResponse_AsksToApply()
    {
        var state = new DpsStepState(I | DpsStatus.HasTime | DpsStatus.GetOwner | DpsStatus.TransientFailure);
        var result = DpsStepMachine.OnResponse(state, DpsStatus.GetOwner, DpsResponse.FromCode(CoapCode.Content));
        Assert.Multiple(() =>
        {
            Assert.That(result.Action, Is.EqualTo(DpsStepAction.Apply));
            Assert.That(result.State.Status, Is.EqualTo(I | DpsStatus.HasTime | DpsStatus.GetOwner));
        });
    }

    [TestCase(DpsStatus.GetTime, DpsError.GetTime)]
    [TestCase(DpsStatus.GetOwner, DpsError.GetOwner)]
    [TestCase(DpsStatus.GetCloud, DpsError.SetCloud)]
    [TestCase(DpsStatus.GetCredentials, DpsError.GetCredentials)]
    [TestCase(DpsStatus.GetAcls, DpsError.GetAcls)]
    public void OnResponse_StatusMismatch_FailureWithStepError(DpsStatus step, DpsError error)
    {
        var state = new DpsStepState(I | DpsStatus.RenewCredentials | step);
        var result = DpsStepMachine.OnResponse(state, step, DpsResponse.FromCode(CoapCode.Content));
        Assert.Multiple(() =>
        {
            Assert.That(result.State.Status & DpsStatus.Failure, Is.EqualTo(DpsStatus.Failure));
            Assert.That(result.State.LastError, Is.EqualTo(error));
            Assert.That(result.State.ForceReprovision, Is.True);
            Assert.That(result.Action, Is.EqualTo(DpsStepAction.RetryAfterDelay));
        });
    }

    [Test]
    public void OnResponse_PermanentError_FailureResponseErrorForcedReprovision()
    {
        var state = new DpsStepState(I | DpsStatus.HasTime | DpsStatus.GetOwner);
        var result = DpsStepMachine.OnResponse(state, DpsStatus.GetOwner, DpsResponse.FromCode(CoapCode.InternalServerError));
        Assert.That(result, Is.EqualTo(new DpsStepResult(
            new DpsStepState(I | DpsStatus.HasTime | DpsStatus.GetOwner | DpsStatus.Failure, DpsError.Response, 0, true),
            DpsStepAction.RetryAfterDelay)));
    }

    [Test]
    public void OnResponse_ConnectionClosed_Permanent()
    {
        var state = new DpsStepState(I | DpsStatus.GetTime);
        var result = DpsStepMachine.OnResponse(state, DpsStatus.GetTime, DpsResponse.ConnectionClosed);
        Assert.Multiple(() =>
        {
            Assert.That(result.State.Status, Is.EqualTo(I | DpsStatus.GetTime | DpsStatus.Failure));
            Assert.That(result.State.LastError, Is.EqualTo(DpsError.Response));
            Assert.That(result.Action, Is.EqualTo(DpsStepAction.RetryAfterDelay));
        });
    }

    [Test]
    public void OnResponse_TransientThreeTimes_ThirdForcesReprovision()
    {
        var state = new DpsStepState(I | DpsStatus.HasTime);
        var forced = new List<bool>();
        var counts = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            state = DpsStepMachine.OnDispatch(state, DpsStatus.GetOwner);
            var result = DpsStepMachine.OnResponse(state, DpsStatus.GetOwner, DpsResponse.FromCode(CoapCode.ServiceUnavailable));
            Assert.That(result.Action, Is.EqualTo(DpsStepAction.RetryAfterDelay));
            state = result.State;
            Assert.That(state.Status & DpsStatus.ErrorFlags, Is.EqualTo(DpsStatus.TransientFailure));
            Assert.That(state.LastError, Is.EqualTo(DpsError.Ok));
            forced.Add(state.ForceReprovision);
            counts.Add(state.TransientRetryCount);
        }
        Assert.Multiple(() =>
        {
            Assert.That(forced, Is.EqualTo(new[] { false, false, true }));
            Assert.That(counts, Is.EqualTo(new[] { 1, 2, 0 }));
        });
    }

    [Test]
    public void OnResponse_RequestTimeout_RetriesImmediately()
    {
        var state = new DpsStepState(I | DpsStatus.GetTime);
        var result = DpsStepMachine.OnResponse(state, DpsStatus.GetTime, DpsResponse.RequestTimeout);
        Assert.Multiple(() =>
        {
            Assert.That(result.Action, Is.EqualTo(DpsStepAction.RetryImmediately));
            Assert.That(result.State.Status, Is.EqualTo(I | DpsStatus.GetTime | DpsStatus.TransientFailure));
        });
    }

    [Test]
    public void OnApplied_Ok_SetsHasClearsGetAndCounters()
    {
        var state = new DpsStepState(I | DpsStatus.HasTime | DpsStatus.GetOwner, DpsError.Ok, 2);
        var result = DpsStepMachine.OnApplied(state, DpsStatus.GetOwner, DpsError.Ok);
        Assert.That(result, Is.EqualTo(new DpsStepResult(
            new DpsStepState(I | DpsStatus.HasTime | DpsStatus.HasOwner), DpsStepAction.NextStep)));
    }

    [Test]
    public void OnApplied_Error_FailureWithErrorAndForcedReprovision()
    {
        var state = new DpsStepState(I | DpsStatus.HasTime | DpsStatus.GetOwner);
        var result = DpsStepMachine.OnApplied(state, DpsStatus.GetOwner, DpsError.GetOwner);
        Assert.Multiple(() =>
        {
            Assert.That(result.State.Status, Is.EqualTo(I | DpsStatus.HasTime | DpsStatus.GetOwner | DpsStatus.Failure));
            Assert.That(result.State.LastError, Is.EqualTo(DpsError.GetOwner));
            Assert.That(result.State.ForceReprovision, Is.True);
            Assert.That(result.Action, Is.EqualTo(DpsStepAction.RetryAfterDelay));
        });
    }

    [Test]
    public void OnRetry_ForceReprovision_ClearsAllStepFlags()
    {
        var state = new DpsStepState(
            I | DpsStatus.HasTime | DpsStatus.HasOwner | DpsStatus.GetCloud | DpsStatus.Failure | DpsStatus.CloudStarted,
            DpsError.Response, 0, true);
        var next = DpsStepMachine.OnRetry(state);
        Assert.Multiple(() =>
        {
            Assert.That(next.Status, Is.EqualTo(I | DpsStatus.Failure | DpsStatus.CloudStarted));
            Assert.That(next.ForceReprovision, Is.False);
            Assert.That(DpsStepMachine.OnRetry(next), Is.EqualTo(next));
        });
    }

    [Test]
    public void OnDispatchFailed_FailureAndDelayWithoutForcing()
    {
        var result = DpsStepMachine.OnDispatchFailed(new DpsStepState(I), DpsStatus.GetTime);
        Assert.Multiple(() =>
        {
            Assert.That(result.State.Status, Is.EqualTo(I | DpsStatus.Failure));
            Assert.That(result.State.ForceReprovision, Is.False);
            Assert.That(result.Action, Is.EqualTo(DpsStepAction.RetryAfterDelay));
        });
    }

    private static DpsStoredState Stored(int provenSteps, bool registered = false, bool running = false) => new(
        provenSteps >= 1, provenSteps >= 2, provenSteps >= 3, provenSteps >= 4, provenSteps >= 5, registered, running);

    [TestCase(0, DpsStatus.Initialized)]
    [TestCase(1, DpsStatus.Initialized | DpsStatus.HasTime)]
    [TestCase(2, DpsStatus.Initialized | DpsStatus.HasTime | DpsStatus.HasOwner)]
    [TestCase(3, DpsStatus.Initialized | DpsStatus.HasTime | DpsStatus.HasOwner | DpsStatus.HasCloud)]
    [TestCase(4, DpsStatus.Initialized | DpsStatus.HasTime | DpsStatus.HasOwner | DpsStatus.HasCloud | DpsStatus.HasCredentials)]
    [TestCase(5, DpsStatus.Initialized | DpsStatus.ProvisionedMask)]
    public void GetStartStatus_FlagsInDependencyOrder(int provenSteps, DpsStatus expected)
    {
        Assert.That(DpsStepMachine.GetStartStatus(Stored(provenSteps), forceReprovision: false), Is.EqualTo(expected));
    }

    [Test]
    public void GetStartStatus_MissingEarlierStep_LaterOnesIgnored()
    {
        var stored = new DpsStoredState(true, false, true, true, true, true, true);
        Assert.That(DpsStepMachine.GetStartStatus(stored, false), Is.EqualTo(I | DpsStatus.HasTime));
    }

    [Test]
    public void GetStartStatus_RegisteredWithRunningManager_CloudStarted()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DpsStepMachine.GetStartStatus(Stored(5, registered: true, running: true), false),
                Is.EqualTo(I | DpsStatus.ProvisionedMask | DpsStatus.CloudStarted));
            Assert.That(DpsStepMachine.GetStartStatus(Stored(5, registered: true, running: false), false),
                Is.EqualTo(I | DpsStatus.ProvisionedMask));
            Assert.That(DpsStepMachine.GetStartStatus(Stored(4, registered: true, running: true), false),
                Is.EqualTo(I | (DpsStatus.ProvisionedMask & ~DpsStatus.HasAcls)));
        });
    }

    [Test]
    public void GetStartStatus_ForceReprovision_OnlyInitialized()
    {
        Assert.That(DpsStepMachine.GetStartStatus(Stored(5, true, true), forceReprovision: true), Is.EqualTo(I));
    }
}
