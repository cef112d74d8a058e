using System.Text.Json;

namespace Dps.Service.Faults;

/// <summary>
/// The faults currently armed. Thread-safe: handlers on any connection call <see cref="TryTake"/>
/// (or <see cref="TakeAll"/>); the HTTP API replaces or clears the plan at any time. Every handler
/// asks the plan once per request, so the plan also counts the requests per step
/// (<see cref="RequestCount"/>), whether or not a fault is armed.
/// </summary>
internal sealed class FaultPlan
{
    private readonly Lock _lock = new();
    private readonly List<Entry> _entries = [];
    private readonly long[] _requests = new long[Enum.GetValues<FaultStep>().Length];

    /// <summary>Creates an empty plan.</summary>
    public FaultPlan()
    {
    }

    /// <summary>Creates a plan armed with <paramref name="rules"/>.</summary>
    public FaultPlan(IEnumerable<FaultRule> rules) => Replace(rules);

    /// <summary>Whether no fault is armed.</summary>
    public bool IsEmpty
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count == 0;
            }
        }
    }

    /// <summary>Arms one more rule (after the existing ones).</summary>
    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_lock)
        {
            _entries.Add(new Entry(rule.Fault, rule.Count));
        }
    }

    /// <summary>Replaces every armed rule with <paramref name="rules"/>.</summary>
    public void Replace(IEnumerable<FaultRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var entries = rules.Select(r => new Entry(r.Fault, r.Count)).ToList();
        lock (_lock)
        {
            _entries.Clear();
            _entries.AddRange(entries);
        }
    }

    /// <summary>Disarms everything.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
        }
    }

    /// <summary>The requests handled for <paramref name="step"/> since start (or the last <see cref="ResetRequestCounts"/>).</summary>
    public long RequestCount(FaultStep step) => Interlocked.Read(ref _requests[(int)step]);

    /// <summary>The request count of every step, keyed by <see cref="FaultRule.StepName"/>.</summary>
    public IReadOnlyDictionary<string, long> RequestCounts() =>
        Enum.GetValues<FaultStep>().ToDictionary(FaultRule.StepName, RequestCount, StringComparer.Ordinal);

    /// <summary>Sets every request count to zero.</summary>
    public void ResetRequestCounts()
    {
        for (var i = 0; i < _requests.Length; i++)
        {
            Interlocked.Exchange(ref _requests[i], 0);
        }
    }

    /// <summary>Takes one use of the first armed rule for <paramref name="step"/> (counts one request).</summary>
    public bool TryTake(FaultStep step, out Fault fault)
    {
        Interlocked.Increment(ref _requests[(int)step]);
        lock (_lock)
        {
            for (var i = 0; i < _entries.Count; i++)
            {
                if (_entries[i].Fault.Step == step)
                {
                    fault = Use(i);
                    return true;
                }
            }
        }

        fault = null!;
        return false;
    }

    /// <summary>
    /// Takes one use of every armed rule for <paramref name="step"/>, in rule order (a handler applies
    /// delays first, then the first terminal fault). Counts one request.
    /// </summary>
    public IReadOnlyList<Fault> TakeAll(FaultStep step)
    {
        Interlocked.Increment(ref _requests[(int)step]);
        List<Fault>? taken = null;
        lock (_lock)
        {
            for (var i = 0; i < _entries.Count; i++)
            {
                if (_entries[i].Fault.Step == step)
                {
                    var before = _entries.Count;
                    (taken ??= []).Add(Use(i));
                    if (_entries.Count < before)
                    {
                        i--;
                    }
                }
            }
        }

        return taken ?? (IReadOnlyList<Fault>)[];
    }

    /// <summary>The armed rules with their remaining counts.</summary>
    public IReadOnlyList<FaultRule> Snapshot()
    {
        lock (_lock)
        {
            return _entries.Select(e => new FaultRule(e.Fault, e.Remaining)).ToList();
        }
    }

    /// <summary>
    /// Parses a JSON array of rules (or an object <c>{"faults": [...]}</c>), each an object with the
    /// keys of <see cref="FaultRule.FromFields"/>.
    /// </summary>
    /// <exception cref="FaultRuleFormatException">The JSON or a rule is invalid.</exception>
    public static IReadOnlyList<FaultRule> ParseJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("faults", out var inner))
            {
                root = inner;
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                throw new FaultRuleFormatException("faults", "expected a JSON array of fault rules");
            }

            var rules = new List<FaultRule>();
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                var path = $"faults[{index++}]";
                if (element.ValueKind != JsonValueKind.Object)
                {
                    throw new FaultRuleFormatException(path, "expected an object");
                }

                var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    fields[property.Name] = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Number => property.Value.GetRawText(),
                        JsonValueKind.Null => null,
                        _ => throw new FaultRuleFormatException($"{path}.{property.Name}", "expected a string or a number"),
                    };
                }

                rules.Add(FaultRule.FromFields(fields, path));
            }

            return rules;
        }
        catch (JsonException ex)
        {
            throw new FaultRuleFormatException("faults", $"not valid JSON ({ex.Message})");
        }
    }

    /// <summary>Writes rules as the JSON array <see cref="ParseJson"/> reads (for <c>GET /api/v1/faults</c>).</summary>
    public static string ToJson(IReadOnlyList<FaultRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var rule in rules)
            {
                writer.WriteStartObject();
                foreach (var (key, value) in rule.ToFields())
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private Fault Use(int index)
    {
        var entry = _entries[index];
        if (entry.Remaining is { } remaining)
        {
            if (remaining <= 1)
            {
                _entries.RemoveAt(index);
            }
            else
            {
                entry.Remaining = remaining - 1;
            }
        }

        return entry.Fault;
    }

    private sealed class Entry(Fault fault, int? remaining)
    {
        public Fault Fault { get; } = fault;

        public int? Remaining { get; set; } = remaining;
    }
}
