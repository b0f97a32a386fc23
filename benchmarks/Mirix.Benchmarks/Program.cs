namespace Mirix.Benchmarks;

// An explicit entry point: top-level statements would declare a second `Program`, clashing with Mirix.Api's.
internal static class BenchmarkProgram
{
    /// <summary>dotnet run -c Release --project benchmarks/Mirix.Benchmarks -- locomo | ingest [options]</summary>
    public static async Task<int> Main(string[] args)
    {
        var arguments = BenchmarkArguments.Parse(args);
        switch (arguments.Name)
        {
            case "locomo":
                await LocomoRecallBenchmark.RunAsync(arguments);
                return 0;
            case "ingest":
                await IngestionBenchmark.RunAsync(arguments);
                return 0;
            case "agents":
                await AgentsBenchmark.RunAsync(arguments);
                return 0;
            case "locomo-qa":
                await LocomoQaBenchmark.RunAsync(arguments);
                return 0;
            case "concurrency":
                await ConcurrencyBenchmark.RunAsync(arguments);
                return 0;
            case "faults":
                await FaultsBenchmark.RunAsync(arguments);
                return 0;
            case "soak":
                await SoakBenchmark.RunAsync(arguments);
                return 0;
            case "vector-codes":
                await VectorCodesBenchmark.RunAsync(arguments);
                return 0;
            case "fuzz":
                await FuzzBenchmark.RunAsync(arguments);
                return 0;
            case "search-latency":
                await SearchLatencyBenchmark.RunAsync(arguments);
                return 0;
            default:
                await Console.Error.WriteLineAsync("usage: Mirix.Benchmarks locomo [--data PATH] [--out PATH] [--postgres CONNECTION]\n" +
                    "       Mirix.Benchmarks ingest --postgres CONNECTION --redis HOST:PORT [--seconds 15] [--messages 3000] [--out PATH]\n" +
                    "       Mirix.Benchmarks agents [--latency-ms 250] [--users 100] [--llm-concurrency 16] [--out PATH]\n" +
                    "       Mirix.Benchmarks locomo-qa (--endpoint URL --model NAME [--api-key KEY] | --scripted true) [--conversations 5] [--sessions N] [--questions N] [--reader-model M] [--judge-model M] [--out PATH]\n" +
                    "       Mirix.Benchmarks concurrency [--n 100,1000] [--latency-ms 2000] [--slow-seconds 60] [--out PATH]\n" +
                    "       Mirix.Benchmarks faults [--rate 200] [--seconds 40] [--down-seconds 10] [--llm-outage-seconds 60] [--llm-hang-seconds 30] [--out PATH]\n" +
                    "       Mirix.Benchmarks soak [--minutes 10] [--adds-per-second 2] [--searches-per-second 10] [--chats-per-second 1] [--budget-mb 600] [--out PATH]\n" +
                    "       Mirix.Benchmarks fuzz [--cases 100000] [--seed 1] [--storage sqlite|postgres] [--out PATH]\n" +
                    "       Mirix.Benchmarks vector-codes [--model all-MiniLM-L6-v2] [--out PATH]\n" +
                    "       Mirix.Benchmarks search-latency [--storage postgres|sqlite] [--postgres CONNECTION] [--sizes 10000,30000,100000,300000] [--total 1000000] [--queries 300] [--keep true] [--out DIR]");
                return 2;
        }
    }
}
