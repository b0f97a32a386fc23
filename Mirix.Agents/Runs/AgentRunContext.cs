using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Mirix.Core.Domain;
using Mirix.Core.Ingestion;
using Mirix.Core.Memory;
using Mirix.Core.Operations;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;

namespace Mirix.Agents.Runs;

/// <summary>
/// One add's agent run: who writes for whom, what the agents may read, and the unit of work their tools stage into.
/// The memory agents run concurrently but share one <see cref="MirixDbContext"/> (committed with the operation), so every
/// database use goes through <see cref="WithDatabaseAsync{T}"/>, one at a time; the LLM calls around them overlap freely.
/// A chat turn runs the read-only tools in a context without an envelope or input messages.
/// </summary>
public sealed class AgentRunContext(
    IngestionEnvelope? envelope, IngestionInput? input, Agent metaAgent, MemoryStager.Writer writer, IReadOnlyList<string> readScopes,
    TimeZoneInfo userZone, MirixDbContext db, MemoryStager stager, MemorySearch search) : IDisposable
{
    private readonly SemaphoreSlim _database = new(1, 1);

    public IngestionEnvelope? Envelope => envelope;
    public IngestionInput? Input => input;
    public Agent MetaAgent => metaAgent;
    public MemoryStager.Writer Writer => writer;
    /// <summary>The scopes the writing client may read: its read scopes and its write scope. Prompts and searches see no others.</summary>
    public IReadOnlyList<string> ReadScopes => readScopes;
    public TimeZoneInfo UserZone => userZone;
    public JsonObject Tags { get; } = input is null ? [] : JsonNode.Parse(input.FilterTags)!.AsObject();

    /// <summary>Ids written by type (core blocks under "core"), for the operation's result.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<string>> Written { get; } = new(StringComparer.Ordinal);

    /// <summary>Stamps a new row with the writer's tenant, scope, tags and provenance (touches no database).</summary>
    public void Stamp(MemoryItem item) => stager.Stamp(item, writer, Tags);

    public void RecordWrite(string type, IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            Written.GetOrAdd(type, _ => new ConcurrentQueue<string>()).Enqueue(id);
        }
    }

    /// <summary>Each replacement as (type, items replaced, items created), for the consolidation counts of auto-dream.</summary>
    public ConcurrentQueue<(string Type, int Replaced, int Created)> Replacements { get; } = new();

    public void RecordReplacement(string type, int replaced, int created) => Replacements.Enqueue((type, replaced, created));

    public async Task<T> WithDatabaseAsync<T>(Func<MirixDbContext, MemoryStager, MemorySearch, Task<T>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _database.WaitAsync(ct);
        try
        {
            return await work(db, stager, search);
        }
        finally
        {
            _database.Release();
        }
    }

    public void Dispose() => _database.Dispose();
}
