using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Core.Ingestion;

/// <summary>
/// Raw mode, no LLM: the messages are stored (with the operation as provenance) and kept as one raw memory of the user,
/// embedded and indexed with it, so what was added is searchable at once.
/// </summary>
public sealed class RawModeHandler(MemoryIndexer indexer, TimeProvider time) : IIngestionHandler
{
    public async Task<JsonObject> HandleAsync(IngestionEnvelope envelope, MirixDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(db);
        var client = await db.Clients.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Id == envelope.ClientId && c.OrganizationId == envelope.OrganizationId, ct);
        if (client is null || client.Status != "active")
        {
            throw new PoisonMessageException($"Client {envelope.ClientId} no longer exists or is not active.");
        }
        // The scope was fixed when the message was accepted (MIRIX forces filter_tags.scope to the write scope then).
        var scope = envelope.FilterTags?["scope"]?.GetValue<string>()
            ?? throw new PoisonMessageException("The envelope carries no write scope.");
        await UserDirectory.EnsureUserAsync(db, envelope.OrganizationId, envelope.UserId, envelope.UserId, isAdmin: false, ct);

        var tags = ScopedFilterTags.WithScope(envelope.FilterTags, scope);
        var messages = envelope.InputMessages.Select(m => new Message
        {
            Id = IdGenerator.Uuid(Message.IdPrefix),
            OrganizationId = envelope.OrganizationId,
            AgentId = envelope.AgentId,
            UserId = envelope.UserId,
            ClientId = envelope.ClientId,
            Role = m.Role,
            Name = m.Name,
            Text = MessageNormalizer.PlainText(m),
            Content = m.Content.ToJsonString(),
            FilterTags = tags,
            OperationId = envelope.OperationId,
            CreatedById = envelope.ClientId,
        }).ToList();
        db.Messages.AddRange(messages);

        var memory = new RawMemory
        {
            Id = IdGenerator.Memory(RawMemory.IdPrefix),
            OrganizationId = envelope.OrganizationId,
            UserId = envelope.UserId,
            AgentId = envelope.AgentId,
            ClientId = envelope.ClientId,
            Scope = scope,
            FilterTags = tags,
            Context = string.Join("\n", envelope.InputMessages.Select(MessageNormalizer.ToText)),
            OccurredAt = envelope.OccurredAt ?? envelope.AcceptedAt,
            LastModifiedAt = time.GetUtcNow().UtcDateTime,
            SourceMessageIds = messages.ConvertAll(m => m.Id),
            CreatedById = envelope.ClientId,
            LastUpdatedById = envelope.ClientId,
        };
        db.RawMemories.Add(memory);
        await indexer.IndexAsync([memory], ct);

        return new JsonObject
        {
            ["mode"] = IngestionMode.Raw,
            ["raw_memory_ids"] = new JsonArray(memory.Id),
            ["message_ids"] = JsonSerializer.SerializeToNode(memory.SourceMessageIds),
        };
    }
}
