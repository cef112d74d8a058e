using Dps.Fuzz;

namespace Dps.Service.Tests.Fuzz;

internal static partial class ServiceFuzzTargets
{
    private static IEnumerable<FuzzTarget> HandlerTargets()
    {
        yield break;
    }
}
