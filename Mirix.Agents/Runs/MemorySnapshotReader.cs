using Mirix.Agents.Prompts;
using Mirix.Agents.Tools;
using Mirix.Core.Agents;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Retrieval;

namespace Mirix.Agents.Runs;

/// <summary>
/// Reads the memory an agent's prompt shows, within the writing client's read scopes only (MIRIX shows agents every scope).
/// The meta agent sees each type's most recent items without ids; a memory agent sees its own type's recent items and
/// those relevant to the topics, with the ids it needs to update them. High-sensitivity vault entries are left out for
/// every agent but the knowledge-vault agent.
/// </summary>
public static class MemorySnapshotReader
{
    private const int RecentCount = 5;
    private const int RelevantCount = 10;

    private static readonly Dictionary<string, string> TypeOfAgent = new(StringComparer.Ordinal)
    {
        [AgentTypes.Episodic] = "episodic",
        [AgentTypes.Semantic] = "semantic",
        [AgentTypes.Procedural] = "procedural",
        [AgentTypes.Resource] = "resource",
        [AgentTypes.KnowledgeVault] = "knowledge_vault",
    };

    public static Task<MemorySnapshot> ReadAsync(AgentRunContext run, string agentType, string? topics, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        TypeOfAgent.TryGetValue(agentType, out var own);
        var types = agentType == AgentTypes.Meta ? MemoryKinds.ByName.Keys.ToList() : own is null ? [] : [own];
        return run.WithDatabaseAsync(async (db, _, search) =>
        {
            var blocks = await CoreBlocks.VisibleAsync(db, run, ct);
            var sections = new List<MemorySection>();
            foreach (var type in types)
            {
                var request = new MemorySearch.Request(run.Writer.OrganizationId, run.Writer.UserId, run.ReadScopes, type,
                    MemoryKinds.All[type].DefaultField("bm25", all: true), "bm25", "", RecentCount, FilterTagsFilter.Empty);
                var total = await search.CountAsync(request, ct);
                var recent = total == 0 ? [] : await search.SearchAsync(request, ct);
                var relevant = total == 0 || own is null || string.IsNullOrWhiteSpace(topics)
                    ? []
                    : await search.SearchAsync(request with { Text = topics.Replace(';', ' '), Limit = RelevantCount }, ct);
                sections.Add(new MemorySection(type, total, Shown(recent, agentType), Shown(relevant, agentType), ShowIds: type == own));
            }
            return new MemorySnapshot(blocks, sections);
        }, ct);
    }

    private static List<MemoryItem> Shown(List<MemorySearch.Hit> hits, string agentType) =>
        hits.Select(h => h.Item).Where(i => agentType == AgentTypes.KnowledgeVault || i is not KnowledgeVaultItem { IsSecret: true }).ToList();
}
