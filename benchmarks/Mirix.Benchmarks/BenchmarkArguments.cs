namespace Mirix.Benchmarks;

internal sealed record BenchmarkArguments(string Name, IReadOnlyDictionary<string, string> Options)
{
    public string Option(string name, string fallback) => Options.TryGetValue(name, out var value) ? value : fallback;

    public string? Option(string name) => Options.GetValueOrDefault(name);

    public static BenchmarkArguments Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }
        return new BenchmarkArguments(args.Length > 0 ? args[0] : "", options);
    }
}
