using Mirix.Api.Contracts;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Endpoints;

/// <summary>
/// <c>GET /memory/retrieve/topic</c>: what an agent would be shown about a topic, in MIRIX's shape — recent and relevant
/// events, and the relevant items of every other type (full-text on MIRIX's fields), plus core blocks by scope. Unlike
/// MIRIX, the knowledge-vault section honours scopes and tags too, counts are of what the caller may read, and a <c>raw</c>
/// section holds the raw memories relevant to the topic.
/// </summary>
public static class RetrieveEndpoints
{
    public static IEndpointRouteBuilder MapRetrieveEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/memory/retrieve/topic", RetrieveByTopic).RequireAuthorization().WithTags("Search").WithName("RetrieveByTopic")
            .WithSummary("Returns a user's memories relevant to a topic (';'-separated keywords), by type.");
        return app;
    }

    public static async Task<Results<Ok<RetrieveResponse>, ProblemHttpResult>> RetrieveByTopic(
        Caller caller, MirixDbContext db, TopicRetrieval retrieval, CancellationToken ct,
        string? user_id = null, string topic = "", int limit = 10, string? filter_tags = null, bool use_cache = true)
    {
        if (limit is < 1 or > 100)
        {
            return Problems.BadRequest("limit must be between 1 and 100.");
        }
        var (tags, tagsError) = FilterTagsFilter.Parse(filter_tags);
        if (tags is null)
        {
            return Problems.BadRequest(tagsError!);
        }
        var (userId, problem) = await TargetUser.ResolveAsync(caller, user_id, db, ct, createIfMissing: true);
        if (problem is not null)
        {
            return problem;
        }
        var found = await retrieval.RetrieveAsync(caller, userId!, topic, limit, tags, ct);
        Section<object> Section(string type, Func<MemoryItem, object> view) =>
            new(found.Sections[type].TotalCount, found.Sections[type].Items.Select(view).ToList());
        var memories = new Dictionary<string, object>
        {
            ["episodic"] = new EpisodicSection(found.EpisodicCount, found.RecentEvents.Select(EventItem).ToList(), found.RelevantEvents.Select(EventItem).ToList()),
            ["semantic"] = Section("semantic", m => new { m.Id, ((SemanticItem)m).Name, ((SemanticItem)m).Summary, ((SemanticItem)m).Details }),
            ["resource"] = Section("resource", m => new { m.Id, ((ResourceItem)m).Title, ((ResourceItem)m).Summary, ((ResourceItem)m).ResourceType }),
            ["procedural"] = Section("procedural", m => new { m.Id, ((ProceduralItem)m).EntryType, ((ProceduralItem)m).Summary }),
            ["knowledge_vault"] = Section("knowledge_vault", m => new { m.Id, ((KnowledgeVaultItem)m).Caption }),
            ["core"] = CoreSection.From(found.Blocks, int.MaxValue),
            // Beyond MIRIX: what adds without an LLM kept, relevant to the topic (the most recent without one).
            ["raw"] = Section("raw", m => new { m.Id, ((RawMemory)m).Context, ((RawMemory)m).OccurredAt }),
        };
        return TypedResults.Ok(new RetrieveResponse(true, topic, memories));
    }

    private static EventView EventItem(MemoryItem item)
    {
        var e = (EpisodicEvent)item;
        return new EventView(e.Id, e.OccurredAt, e.Summary, e.Details);
    }
}

public sealed record EventView(string Id, DateTime Timestamp, string Summary, string Details);

public sealed record EpisodicSection(int TotalCount, IReadOnlyList<EventView> Recent, IReadOnlyList<EventView> Relevant);

public sealed record RetrieveResponse(bool Success, string Topic, IReadOnlyDictionary<string, object> Memories);
