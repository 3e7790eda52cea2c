using System.Text.Json.Serialization;

namespace Vietnix.Keypairs.Emulator.Faults;

/// <summary>
/// What can go wrong between a client and Nova: an error status (with Retry-After), a reset before the
/// request is carried out, a dropped answer after it was carried out, a delay, or a garbage body.
/// </summary>
internal enum FaultKind
{
    Status,
    Reset,
    LoseResponse,
    Delay,
    Garbage,
}

/// <summary>
/// One rule of a plan: which requests it applies to (method, a path fragment), how often (a
/// probability drawn from the plan's seeded random, or every Nth matching request) and what it does.
/// </summary>
internal sealed record FaultRule
{
    public string? Method { get; init; }

    public string? PathContains { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter<FaultKind>))]
    public FaultKind Fault { get; init; }

    /// <summary>The share of matching requests that get the fault, 0 to 1.</summary>
    public double? Probability { get; init; }

    /// <summary>Every Nth matching request gets the fault.</summary>
    public int? Every { get; init; }

    /// <summary>The rule fires at most this many times.</summary>
    public int? Times { get; init; }

    /// <summary>For Status: the status to answer (429, 500, 502, 503, 504).</summary>
    public int? Status { get; init; }

    /// <summary>For Status: the Retry-After header, in seconds.</summary>
    public int? RetryAfter { get; init; }

    /// <summary>For Delay: how long before the request is carried out.</summary>
    public int? DelayMs { get; init; }
}

/// <summary>A seeded list of rules: the same seed and the same requests give the same faults.</summary>
internal sealed record FaultPlanDocument(int Seed, IReadOnlyList<FaultRule> Rules);

/// <summary>The active plan; the first rule that fires for a request decides its fault.</summary>
internal sealed class FaultPlan
{
    private readonly Lock gate = new();
    private FaultPlanDocument document = new(0, []);
    private Random random = new(0);
    private int[] matches = [];
    private int[] fired = [];
    private readonly Dictionary<string, int> injected = [];

    public void Set(FaultPlanDocument plan)
    {
        lock (gate)
        {
            document = plan;
            random = new Random(plan.Seed);
            matches = new int[plan.Rules.Count];
            fired = new int[plan.Rules.Count];
            injected.Clear();
        }
    }

    public void Clear() => Set(new FaultPlanDocument(0, []));

    /// <summary>How many faults of each kind were injected since the plan was set.</summary>
    public IReadOnlyDictionary<string, int> Injected()
    {
        lock (gate)
        {
            return new Dictionary<string, int>(injected);
        }
    }

    public FaultRule? Draw(string method, string path)
    {
        lock (gate)
        {
            for (var index = 0; index < document.Rules.Count; index++)
            {
                var rule = document.Rules[index];
                if ((rule.Method is not null && !string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase))
                    || (rule.PathContains is not null && !path.Contains(rule.PathContains, StringComparison.Ordinal))
                    || (rule.Times is { } times && fired[index] >= times))
                {
                    continue;
                }

                var count = ++matches[index];
                var fires = rule.Every is { } every ? count % every == 0 : random.NextDouble() < (rule.Probability ?? 0);
                if (fires)
                {
                    fired[index]++;
                    var name = rule.Fault == FaultKind.Status ? $"Status{rule.Status}" : rule.Fault.ToString();
                    injected[name] = injected.GetValueOrDefault(name) + 1;
                    return rule;
                }
            }

            return null;
        }
    }
}
