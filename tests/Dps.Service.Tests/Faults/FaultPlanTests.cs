using Dps.Coap;
using Dps.Service.Faults;

namespace Dps.Service.Tests.Faults;

public class FaultPlanTests
{
    [Test]
    public void TryTake_RespondThreeTimes_TakenThreeTimesThenGone()
    {
        var plan = new FaultPlan([FaultRule.Respond(FaultStep.Credentials, CoapCode.ServiceUnavailable, 3)]);

        var taken = Enumerable.Range(0, 4).Select(i => plan.TryTake(FaultStep.Credentials, out _)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(taken, Is.EqualTo(new[] { true, true, true, false }));
            Assert.That(plan.IsEmpty, Is.True);
        });
    }

    [Test]
    public void TryTake_OtherStep_NothingTaken()
    {
        var plan = new FaultPlan([FaultRule.Respond(FaultStep.Time, CoapCode.InternalServerError)]);

        Assert.Multiple(() =>
        {
            Assert.That(plan.TryTake(FaultStep.Acls, out _), Is.False);
            Assert.That(plan.Snapshot(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void TryTake_UnlimitedRule_NeverRunsOut()
    {
        var plan = new FaultPlan([FaultRule.Respond(FaultStep.Time, CoapCode.Forbidden, null)]);

        for (var i = 0; i < 100; i++)
        {
            Assert.That(plan.TryTake(FaultStep.Time, out var fault) && fault.Code == CoapCode.Forbidden, Is.True);
        }
    }

    [Test]
    public void TryTake_TwoRulesSameStep_FirstRuleFirst()
    {
        var plan = new FaultPlan();
        plan.Add(FaultRule.Respond(FaultStep.Ownership, CoapCode.ServiceUnavailable, 1));
        plan.Add(FaultRule.Respond(FaultStep.Ownership, CoapCode.InternalServerError, 1));

        plan.TryTake(FaultStep.Ownership, out var first);
        plan.TryTake(FaultStep.Ownership, out var second);

        Assert.That(new[] { first.Code, second.Code }, Is.EqualTo(new[] { CoapCode.ServiceUnavailable, CoapCode.InternalServerError }));
    }

    [Test]
    public void TakeAll_DelayAndRespond_BothTakenOnce()
    {
        var plan = new FaultPlan(FaultPlan.ParseJson("""
            [{"step": "acls", "kind": "delay", "delay": "10s", "count": 2},
             {"step": "acls", "kind": "respond", "code": "5.03"},
             {"step": "time", "kind": "drop"}]
            """));

        var first = plan.TakeAll(FaultStep.Acls);
        var second = plan.TakeAll(FaultStep.Acls);
        var third = plan.TakeAll(FaultStep.Acls);

        Assert.Multiple(() =>
        {
            Assert.That(first.Select(f => f.Kind), Is.EqualTo(new[] { FaultKind.Delay, FaultKind.Respond }));
            Assert.That(first[0].Delay, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(second.Select(f => f.Kind), Is.EqualTo(new[] { FaultKind.Delay }));
            Assert.That(third, Is.Empty);
            Assert.That(plan.Snapshot().Single().Fault.Kind, Is.EqualTo(FaultKind.Drop));
        });
    }

    [Test]
    public void TryTake_ManyThreads_EachUseTakenExactlyOnce()
    {
        var plan = new FaultPlan([FaultRule.Respond(FaultStep.HubSignIn, CoapCode.ServiceUnavailable, 1000)]);
        var taken = 0;

        Parallel.For(0, 2000, i =>
        {
            if (plan.TryTake(FaultStep.HubSignIn, out _))
            {
                Interlocked.Increment(ref taken);
            }
        });

        Assert.That(taken, Is.EqualTo(1000));
    }

    [Test]
    public void Replace_And_Clear_ChangeArmedRules()
    {
        var plan = new FaultPlan([FaultRule.Respond(FaultStep.Time, CoapCode.Forbidden)]);

        plan.Replace([FaultRule.Respond(FaultStep.Acls, CoapCode.Forbidden), FaultRule.Respond(FaultStep.Acls, CoapCode.Forbidden)]);
        var afterReplace = plan.Snapshot().Count;
        plan.Clear();

        Assert.Multiple(() =>
        {
            Assert.That(afterReplace, Is.EqualTo(2));
            Assert.That(plan.IsEmpty, Is.True);
        });
    }

    [Test]
    public void ParseJson_AllKinds_Parsed()
    {
        var rules = FaultPlan.ParseJson("""
            {"faults": [
              {"step": "hub-signup", "kind": "redirect-uri", "redirectUri": "coaps+tcp://127.0.0.1:5684"},
              {"step": "credentials", "kind": "short-lived-certificate", "lifetime": "20s", "count": "always"},
              {"step": "credentials", "kind": "short-lived-certificate"},
              {"step": "cloud-configuration", "kind": "malformed-cbor", "count": 3},
              {"step": "HUB-REFRESH", "kind": "drop"}
            ]}
            """);

        Assert.Multiple(() =>
        {
            Assert.That(rules[0].Fault.RedirectUri, Is.EqualTo("coaps+tcp://127.0.0.1:5684"));
            Assert.That(rules[1].Fault.CertificateLifetime, Is.EqualTo(TimeSpan.FromSeconds(20)));
            Assert.That(rules[1].Count, Is.Null);
            Assert.That(rules[2].Fault.CertificateLifetime, Is.EqualTo(FaultRule.DefaultShortCertificateLifetime));
            Assert.That(rules[3].Count, Is.EqualTo(3));
            Assert.That(rules[4].Fault.Step, Is.EqualTo(FaultStep.HubRefresh));
        });
    }

    [Test]
    public void ToJson_RoundTrips()
    {
        var rules = FaultPlan.ParseJson("""
            [{"step": "acls", "kind": "delay", "delay": "1.5s"},
             {"step": "time", "kind": "respond", "code": "5.03", "count": "always"},
             {"step": "hub-signup", "kind": "redirect-uri", "redirectUri": "coaps+tcp://h:1"},
             {"step": "credentials", "kind": "short-lived-certificate"}]
            """);

        Assert.That(FaultPlan.ParseJson(FaultPlan.ToJson(rules)), Is.EqualTo(rules));
    }

    [TestCase("{", "faults: not valid JSON")]
    [TestCase("{\"x\": 1}", "faults: expected a JSON array")]
    [TestCase("[1]", "faults[0]: expected an object")]
    [TestCase("[{\"kind\": \"drop\"}]", "faults[0].step: is required")]
    [TestCase("[{\"step\": \"bogus\", \"kind\": \"drop\"}]", "faults[0].step: unknown step 'bogus'")]
    [TestCase("[{\"step\": \"time\", \"kind\": \"explode\"}]", "faults[0].kind: unknown kind 'explode'")]
    [TestCase("[{\"step\": \"time\", \"kind\": \"respond\"}]", "faults[0].code: is required")]
    [TestCase("[{\"step\": \"time\", \"kind\": \"respond\", \"code\": \"2.05\"}]", "faults[0].code: '2.05' is not an error response code")]
    [TestCase("[{\"step\": \"time\", \"kind\": \"respond\", \"code\": \"5.3\"}]", "faults[0].code")]
    [TestCase("[{\"step\": \"time\", \"kind\": \"drop\", \"count\": 0}]", "faults[0].count: '0' is not a positive integer")]
    [TestCase("[{\"step\": \"time\", \"kind\": \"drop\", \"count\": true}]", "faults[0].count: expected a string or a number")]
    [TestCase("[{\"step\": \"time\", \"kind\": \"delay\", \"delay\": \"soon\"}]", "faults[0].delay: 'soon' is not a positive duration")]
    [TestCase("[{\"step\": \"time\", \"kind\": \"redirect-uri\", \"redirectUri\": \"nope\"}]", "faults[0].redirectUri: 'nope' is not an absolute URI")]
    [TestCase("[{\"step\": \"time\", \"kind\": \"short-lived-certificate\"}]", "faults[0].kind: short-lived-certificate applies only to step credentials")]
    [TestCase("[{\"step\": \"time\", \"kind\": \"drop\", \"colour\": \"red\"}]", "faults[0].colour: unknown key")]
    public void ParseJson_Invalid_ThrowsNamingKeyPath(string json, string message)
    {
        Assert.That(() => FaultPlan.ParseJson(json), Throws.TypeOf<FaultRuleFormatException>().With.Message.StartsWith(message));
    }
}
