using Dps.Service.Payloads;
using Dps.Service.Provisioning;
using Dps.Testing.Vectors;

namespace Dps.Service.Tests.Provisioning;

public class HubSelectionTests
{
    private const string A1 = "coaps+tcp://a1:5684";
    private const string A2 = "coaps+tcp://a2:5684";
    private const string B1 = "coaps+tcp://b1:5684";

    [Test]
    public void Select_FreshDeviceSelection_FirstHubFirstGateway()
    {
        var group = TestGroups.Group("Mfg CA", TestGroups.Hub(TestGroups.HubA, A1, A2), TestGroups.Hub(TestGroups.HubB, B1));

        var selection = HubSelection.Select(group, new GatewayReference("coaps+tcp://127.0.0.1", "00000000-0000-0000-0000-000000000000"));

        Assert.Multiple(() =>
        {
            Assert.That(selection.Hub.Id, Is.EqualTo(TestGroups.HubA));
            Assert.That(selection.GatewayUri, Is.EqualTo(A1));
            Assert.That(selection.SelectedIndex, Is.Zero);
            Assert.That(selection.MatchedRequest, Is.False);
            Assert.That(selection.Servers, Is.EqualTo(new[]
            {
                new GatewayReference(A1, TestGroups.HubA.ToString()),
                new GatewayReference(A2, TestGroups.HubA.ToString()),
                new GatewayReference(B1, TestGroups.HubB.ToString()),
            }));
        });
    }

    [Test]
    public void Select_MatchingSecondHub_ChoosesIt()
    {
        var group = TestGroups.Group("Mfg CA", TestGroups.Hub(TestGroups.HubA, A1), TestGroups.Hub(TestGroups.HubB, B1));

        var selection = HubSelection.Select(group, new GatewayReference(B1, TestGroups.HubB.ToString().ToUpperInvariant()));

        Assert.Multiple(() =>
        {
            Assert.That(selection.Hub.Id, Is.EqualTo(TestGroups.HubB));
            Assert.That(selection.GatewayUri, Is.EqualTo(B1));
            Assert.That(selection.SelectedIndex, Is.EqualTo(1));
            Assert.That(selection.MatchedRequest, Is.True);
        });
    }

    [Test]
    public void Select_HubIdMatchesButUriDoesNot_FallsBackToFirst()
    {
        var group = TestGroups.Group("Mfg CA", TestGroups.Hub(TestGroups.HubA, A1), TestGroups.Hub(TestGroups.HubB, B1));

        var selection = HubSelection.Select(group, new GatewayReference(A1, TestGroups.HubB.ToString()));

        Assert.That(selection.Hub.Id, Is.EqualTo(TestGroups.HubA));
    }

    [Test]
    public void Select_SameGatewayInTwoHubsWithSameRecordId_Deduplicated()
    {
        var group = TestGroups.Group("Mfg CA", TestGroups.Hub(TestGroups.HubA, A1, A1));

        Assert.That(HubSelection.Select(group, null).Servers, Has.Count.EqualTo(1));
    }

    [Test]
    public void ToResponse_GoldenHub_MatchesGoldenCloudConfiguration()
    {
        var group = TestGroups.Group("Mfg CA", TestGroups.Hub(TestGroups.HubA, "coaps+tcp://127.0.0.1:37359"));

        var response = HubSelection.Select(group, null).ToResponse("dps-at-1dde2c5da578fe91dfb9a5c474ecde71");

        Assert.That(Convert.ToHexStringLower(response.Encode()), Is.EqualTo(DevicePayloads.CloudConfigurationResponse));
    }
}
