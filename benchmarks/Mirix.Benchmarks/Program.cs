namespace Mirix.Benchmarks;

// An explicit entry point: top-level statements would declare a second `Program`, clashing with Mirix.Api's.
internal static class BenchmarkProgram
{
    /// <summary>dotnet run -c Release --project benchmarks/Mirix.Benchmarks -- locomo [--data PATH] [--out PATH] [--postgres CONNECTION]</summary>
    public static async Task<int> Main(string[] args)
    {
        var arguments = BenchmarkArguments.Parse(args);
        switch (arguments.Name)
        {
            case "locomo":
                await LocomoRecallBenchmark.RunAsync(arguments);
                return 0;
            default:
                await Console.Error.WriteLineAsync("usage: Mirix.Benchmarks locomo [--data PATH] [--out PATH] [--postgres CONNECTION]");
                return 2;
        }
    }
}
