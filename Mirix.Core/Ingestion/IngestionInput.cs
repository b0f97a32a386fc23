using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Core.Ingestion;

/// <summary>
/// What every handler starts from: the writing client (still active), the write scope fixed at acceptance, the user
/// (created when missing) and the input messages, staged with the operation as their provenance.
/// </summary>
public sealed record IngestionInput(Client Client, string Scope, string FilterTags, IReadOnlyList<Message> Messages)
{
    /// <summary>Checks the envelope against the database and stages its messages; nothing is saved.</summary>
    public static async Task<IngestionInput> StageAsync(IngestionEnvelope envelope, MirixDbContext db, CancellationToken ct)
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

        var tags = Memory.ScopedFilterTags.WithScope(envelope.FilterTags, scope);
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
        return new IngestionInput(client, scope, tags, messages);
    }
}
