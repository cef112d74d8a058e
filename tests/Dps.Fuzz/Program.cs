using System.Globalization;
using Dps.Client.Tests.Fuzz;
using Dps.Coap.Tests.Fuzz;
using Dps.Ocf.Tests.Fuzz;
using Dps.Security.Tests.Fuzz;
using Dps.Service.Tests.Fuzz;

// dotnet run -c Release --project tests/Dps.Fuzz -- [--seconds N | --inputs N] [--seed N] [--target TEXT]
// --seconds is the whole run, shared evenly by the targets; exit code 1 on any failing input.
long? inputs = null;
double? seconds = null;
var seed = 20261122;
string? filter = null;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--seconds" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0:
            seconds = s;
            i++;
            break;
        case "--inputs" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count > 0:
            inputs = count;
            i++;
            break;
        case "--seed" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number):
            seed = number;
            i++;
            break;
        case "--target" when value is not null:
            filter = value;
            i++;
            break;
        default:
            Console.Error.WriteLine("usage: Dps.Fuzz [--seconds N | --inputs N] [--seed N] [--target TEXT]");
            return 2;
    }
}

if (inputs is null && seconds is null)
{
    seconds = 60;
}

var targetCount = CoapFuzzEntry.TargetCount + OcfFuzzEntry.TargetCount + ClientFuzzEntry.TargetCount + SecurityFuzzEntry.TargetCount + ServiceFuzzEntry.TargetCount;
var perTarget = seconds / targetCount;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Dps.Fuzz: {targetCount} targets, seed {seed}, {(inputs is { } n ? $"{n} inputs" : $"{perTarget:F1} s")} per target"));
long failures = 0;
failures += CoapFuzzEntry.Run(inputs, perTarget, seed, filter, Console.Out);
failures += OcfFuzzEntry.Run(inputs, perTarget, seed, filter, Console.Out);
failures += ClientFuzzEntry.Run(inputs, perTarget, seed, filter, Console.Out);
failures += SecurityFuzzEntry.Run(inputs, perTarget, seed, filter, Console.Out);
failures += ServiceFuzzEntry.Run(inputs, perTarget, seed, filter, Console.Out);
Console.WriteLine(failures == 0 ? "Dps.Fuzz: no failures" : $"Dps.Fuzz: {failures} failing inputs");
return failures == 0 ? 0 : 1;
