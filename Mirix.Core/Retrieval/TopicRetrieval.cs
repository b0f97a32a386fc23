using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Core.Retrieval;

/// <summary>
/// What an agent would be shown about a topic: the recent and the relevant events, the relevant items of every other type
/// (full text on MIRIX's fields), the raw memories relevant to it, and the core blocks, all within the caller's read
/// scopes and tags. Used by <c>/memory/retrieve/topic</c> (full text, as MIRIX), and by retrieval with conversation once it
/// has its topics (hybrid, within the period the conversation spoke of).
/// </summary>
public sealed class TopicRetrieval(MirixDbContext db, MemorySearch search)
{
    /// <summary>One type's part: how many the caller may read, and the ones found.</summary>
    public sealed record Section(int TotalCount, IReadOnlyList<MemoryItem> Items);

    /// <summary>What to look for: ';'-separated keywords, how to search, and the period events and raw memories must fall in.</summary>
    public sealed record Query(string Topic, int Limit, FilterTagsFilter Tags, string Method = "bm25", DateTime? Start = null, DateTime? End = null);

    public sealed record Findings(int EpisodicCount, IReadOnlyList<MemoryItem> RecentEvents, IReadOnlyList<MemoryItem> RelevantEvents,
        IReadOnlyDictionary<string, Section> Sections, IReadOnlyList<Block> Blocks);

    /// <summary>The field each type is matched on (MIRIX's choice for retrieval).</summary>
    private static readonly (string Type, string Field)[] Matched =
        [("semantic", "details"), ("resource", "summary"), ("procedural", "summary"), ("knowledge_vault", "caption"), ("raw", "context")];

    /// <summary>
    /// Only what is relevant to the topic, with the core blocks: no recent list and no counts, so a chat turn's prompt
    /// costs half the queries of <see cref="RetrieveAsync"/>.
    /// </summary>
    public async Task<(IReadOnlyList<(string Type, MemoryItem Item)> Relevant, IReadOnlyList<Block> Blocks)> RelevantAsync(
        Caller caller, string userId, Query query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var keywords = query.Topic.Replace(';', ' ');
        var relevant = new List<(string, MemoryItem)>();
        if (!string.IsNullOrWhiteSpace(keywords))
        {
            var requests = Matched.Prepend((Type: "episodic", Field: "details")).Select(t => new MemorySearch.Request(caller.OrganizationId, userId,
                caller.ReadScopes, t.Type, t.Field, query.Method, keywords, query.Limit, query.Tags, Start: query.Start, End: query.End)).ToList();
            foreach (var request in await search.WithMemoriesAsync(requests, ct))
            {
                relevant.AddRange((await search.SearchAsync(request, ct)).Select(h => (request.MemoryType, h.Item)));
            }
        }
        return (relevant, await BlockStore.GetBlocksAsync(db, caller.OrganizationId, userId, caller.ReadScopes, label: null, ct));
    }

    public async Task<Findings> RetrieveAsync(Caller caller, string userId, Query query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var keywords = query.Topic.Replace(';', ' ');
        MemorySearch.Request Request(string type, string field, string text) =>
            new(caller.OrganizationId, userId, caller.ReadScopes, type, field, text.Length == 0 ? "bm25" : query.Method, text, query.Limit, query.Tags,
                Start: query.Start, End: query.End);
        async Task<List<MemoryItem>> FindAsync(string type, string field, string text) =>
            (await search.SearchAsync(Request(type, field, text), ct)).ConvertAll(h => h.Item);

        var recent = await FindAsync("episodic", "details", "");
        var relevant = string.IsNullOrWhiteSpace(keywords) ? [] : await FindAsync("episodic", "details", keywords);
        var sections = new Dictionary<string, Section>(StringComparer.Ordinal);
        foreach (var (type, field) in Matched)
        {
            sections[type] = new Section(await search.CountAsync(Request(type, field, "") with { Start = null, End = null }, ct), await FindAsync(type, field, keywords));
        }
        var blocks = await BlockStore.GetBlocksAsync(db, caller.OrganizationId, userId, caller.ReadScopes, label: null, ct);
        return new Findings(await search.CountAsync(Request("episodic", "details", "") with { Start = null, End = null }, ct), recent, relevant, sections, blocks);
    }
}
