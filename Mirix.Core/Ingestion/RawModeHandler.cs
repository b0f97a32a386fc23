using System.Text.Json;
using System.Text.Json.Nodes;
using Mirix.Core.Domain;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;

namespace Mirix.Core.Ingestion;

/// <summary>
/// Raw mode, no LLM: the messages are stored (with the operation as provenance) and kept as one raw memory of the user,
/// embedded and indexed with it, so what was added is searchable at once.
/// </summary>
public sealed class RawModeHandler(MemoryIndexer indexer, TimeProvider time) : IIngestionHandler
{
    /// <summary>The raw memory's text: the messages, one per line.</summary>
    public static string TextOf(IngestionEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return string.Join("\n", envelope.InputMessages.Select(MessageNormalizer.ToText));
    }

    public async Task<JsonObject> HandleAsync(IngestionEnvelope envelope, MirixDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(db);
        var input = await IngestionInput.StageAsync(envelope, db, ct);
        var memory = new RawMemory
        {
            Id = IdGenerator.Memory(RawMemory.IdPrefix),
            OrganizationId = envelope.OrganizationId,
            UserId = envelope.UserId,
            AgentId = envelope.AgentId,
            ClientId = envelope.ClientId,
            Scope = input.Scope,
            FilterTags = input.FilterTags,
            Context = TextOf(envelope),
            OccurredAt = envelope.OccurredAt ?? envelope.AcceptedAt,
            LastModifiedAt = time.GetUtcNow().UtcDateTime,
            SourceMessageIds = [.. input.Messages.Select(m => m.Id)],
            CreatedById = envelope.ClientId,
            LastUpdatedById = envelope.ClientId,
        };
        db.RawMemories.Add(memory);
        await indexer.IndexAsync([memory], ct);

        return new JsonObject
        {
            ["mode"] = IngestionMode.Raw,
            ["mode_reason"] = envelope.ModeReason,
            ["raw_memory_ids"] = new JsonArray(memory.Id),
            ["message_ids"] = JsonSerializer.SerializeToNode(memory.SourceMessageIds),
        };
    }
}
