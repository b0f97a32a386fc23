using Microsoft.EntityFrameworkCore;
using Mirix.Agents.Runs;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Storage;

namespace Mirix.Agents.Tools;

/// <summary>The writer's core-memory blocks in its scope, staged (never saved) when they must be made.</summary>
internal static class CoreBlocks
{
    public static readonly IReadOnlyList<string> StandardLabels = ["human", "persona"];

    /// <summary>
    /// The tracked block with <paramref name="label"/> in the writer's scope. A missing block is copied from the scope's
    /// template, or made empty for the standard labels, so the core agent works without configured templates.
    /// </summary>
    public static async Task<Block?> FindOrCreateAsync(MirixDbContext db, AgentRunContext run, string label, CancellationToken ct)
    {
        var writer = run.Writer;
        var block = db.Blocks.Local.FirstOrDefault(b => b.UserId == writer.UserId && b.Scope == writer.Scope && b.Label == label && b.OrganizationId == writer.OrganizationId)
            ?? await db.Blocks.FirstOrDefaultAsync(b => b.OrganizationId == writer.OrganizationId && b.UserId == writer.UserId && b.Scope == writer.Scope && b.Label == label, ct);
        if (block is not null)
        {
            return block;
        }
        var templateUserId = WellKnownIds.TemplateUserId(writer.OrganizationId);
        var template = await db.Blocks.AsNoTracking()
            .FirstOrDefaultAsync(b => b.OrganizationId == writer.OrganizationId && b.UserId == templateUserId && b.Scope == writer.Scope && b.Label == label, ct);
        if (template is null && !StandardLabels.Contains(label))
        {
            return null;
        }
        block = new Block
        {
            Id = IdGenerator.Uuid(Block.IdPrefix),
            OrganizationId = writer.OrganizationId,
            UserId = writer.UserId,
            Label = label,
            Value = template?.Value ?? "",
            Limit = template?.Limit ?? Block.DefaultLimit,
            Scope = writer.Scope,
            FilterTags = ScopedFilterTags.WithScope(run.Envelope?.BlockFilterTags, writer.Scope),
            CreatedById = writer.ClientId,
        };
        db.Blocks.Add(block);
        return block;
    }

    /// <summary>The user's blocks in the scopes the writing client may read (read-only, no copies made).</summary>
    public static Task<List<Block>> VisibleAsync(MirixDbContext db, AgentRunContext run, CancellationToken ct) =>
        db.Blocks.AsNoTracking()
            .Where(b => b.OrganizationId == run.Writer.OrganizationId && b.UserId == run.Writer.UserId && b.Scope != null && run.ReadScopes.Contains(b.Scope))
            .OrderBy(b => b.Scope).ThenBy(b => b.Label)
            .ToListAsync(ct);
}
