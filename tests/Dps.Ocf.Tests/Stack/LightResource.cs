using Dps.Ocf.Representation;

namespace Dps.Ocf.Tests.Stack;

/// <summary>The example's <c>/light/1</c>: state (bool), power (int), name; POST updates them.</summary>
internal sealed class LightResource
{
    public bool State { get; set; }

    public long Power { get; set; }

    public string Name { get; set; } = "Light";

    public OcfResource Resource { get; private set; } = null!;

    public static OcfResource Create() => CreateWithState().Resource;

    public static LightResource CreateWithState()
    {
        var light = new LightResource();
        light.Resource = new OcfResource("/light/1", ["core.light"], [OcfInterfaces.ReadWrite])
            .OnGet(r => r.Content(w =>
            {
                w.WriteTextString("state");
                w.WriteBoolean(light.State);
                w.WriteTextString("power");
                w.WriteInt64(light.Power);
                w.WriteTextString("name");
                w.WriteTextString(light.Name);
            }))
            .OnPost(r =>
            {
                bool? state = null;
                long? power = null;
                OcfCbor.ReadMap(r.Payload, (key, reader) =>
                {
                    switch (key)
                    {
                        case "state":
                            state = reader.ReadBoolean();
                            break;
                        case "power":
                            power = reader.ReadInt64();
                            break;
                    }
                });
                light.State = state ?? light.State;
                light.Power = power ?? light.Power;
                r.Resource.NotifyObservers();
                return OcfResponse.Changed();
            });
        return light;
    }
}
