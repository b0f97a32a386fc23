using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Core.Agents;

/// <summary>
/// Creates, returns or reconciles a client's meta memory agent and its memory-agent children (one meta agent per client),
/// and seeds the core-memory template blocks its config names for the client's write scope.
/// </summary>
public sealed class MetaAgentInitializer(MirixDbContext db)
{
    public const string MetaAgentName = "meta_memory_agent";

    /// <summary>The meta agent, or null for a read-only client (it writes no memories, so it has no agents).</summary>
    public async Task<Agent?> InitializeAsync(Caller caller, MetaAgentConfig config, bool updateAgents, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(config);
        if (!caller.CanWrite)
        {
            return null;
        }
        var meta = await FindMetaAgentAsync(db, caller, ct);
        if (meta is not null && !updateAgents)
        {
            return meta;
        }

        var llm = config.LlmConfig.ToJsonString();
        var embedding = config.EmbeddingConfig.ToJsonString();
        if (meta is null)
        {
            meta = NewAgent(caller, AgentTypes.Meta, MetaAgentName, parentId: null, llm, embedding, config);
            db.Agents.Add(meta);
        }
        else
        {
            meta.LlmConfig = llm;
            meta.EmbeddingConfig = embedding;
            meta.System = config.SystemPrompts.GetValueOrDefault(AgentTypes.Meta, meta.System);
            meta.LastUpdatedById = caller.ClientId;
        }

        var existing = meta is { } m && db.Entry(m).State != EntityState.Added
            ? await db.Agents.Where(a => a.ParentId == m.Id).ToListAsync(ct)
            : [];
        foreach (var stale in existing.Where(a => config.Children.All(c => c.AgentType != a.AgentType)))
        {
            db.Agents.Remove(stale);
        }
        foreach (var child in config.Children)
        {
            var agent = existing.FirstOrDefault(a => a.AgentType == child.AgentType);
            if (agent is null)
            {
                db.Agents.Add(NewAgent(caller, child.AgentType, $"{MetaAgentName}_{child.AgentType}", meta.Id, llm, embedding, config));
            }
            else
            {
                agent.LlmConfig = llm;
                agent.EmbeddingConfig = embedding;
                agent.System = config.SystemPrompts.GetValueOrDefault(child.AgentType, agent.System);
                agent.LastUpdatedById = caller.ClientId;
            }
        }

        await SeedTemplateBlocksAsync(caller, config, ct);
        await db.SaveChangesAsync(ct);
        return meta;
    }

    public static Task<Agent?> FindMetaAgentAsync(MirixDbContext db, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(caller);
        return db.Agents.MetaAgentOf(caller).SingleOrDefaultAsync(ct);
    }

    private static Agent NewAgent(Caller caller, string type, string name, string? parentId, string llm, string embedding, MetaAgentConfig config) => new()
    {
        Id = IdGenerator.Uuid(Agent.IdPrefix),
        OrganizationId = caller.OrganizationId,
        AgentType = type,
        Name = name,
        ParentId = parentId,
        System = config.SystemPrompts.GetValueOrDefault(type) ?? DefaultSystemPrompts.For(type),
        LlmConfig = llm,
        EmbeddingConfig = embedding,
        CreatedById = caller.ClientId,
        LastUpdatedById = caller.ClientId,
    };

    /// <summary>Templates live on the organization's template user, one per (scope, label); clients sharing a scope share them.</summary>
    private async Task SeedTemplateBlocksAsync(Caller caller, MetaAgentConfig config, CancellationToken ct)
    {
        var specs = config.Children.SelectMany(c => c.Blocks).ToList();
        if (specs.Count == 0)
        {
            return;
        }
        var templateUserId = WellKnownIds.TemplateUserId(caller.OrganizationId);
        await UserDirectory.EnsureUserAsync(db, caller.OrganizationId, templateUserId, "default_user", isAdmin: false, ct);
        var labels = await db.Blocks.Where(b => b.UserId == templateUserId && b.Scope == caller.WriteScope).Select(b => b.Label).ToListAsync(ct);
        foreach (var spec in specs.Where(s => !labels.Contains(s.Label)).DistinctBy(s => s.Label))
        {
            db.Blocks.Add(new Block
            {
                Id = IdGenerator.Uuid(Block.IdPrefix),
                OrganizationId = caller.OrganizationId,
                UserId = templateUserId,
                Label = spec.Label,
                Value = spec.Value,
                Limit = spec.Limit ?? Block.DefaultLimit,
                Scope = caller.WriteScope,
                FilterTags = ScopedFilterTags.WithScope(null, caller.WriteScope),
                CreatedById = caller.ClientId,
            });
        }
    }
}
