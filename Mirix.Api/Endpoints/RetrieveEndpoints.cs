using System.Text.Json.Nodes;
using Mirix.Agents.Retrieval;
using Mirix.Core.Domain;
using Mirix.Core.Ingestion;
using Mirix.Core.Memory;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Endpoints;

/// <summary>
/// What an agent would be shown, in MIRIX's shape: recent and relevant events, the relevant items of every other type and
/// core blocks by scope. <c>/memory/retrieve/topic</c> takes the topic as given (full text, as MIRIX);
/// <c>/memory/retrieve/conversation</c> has the LLM extract topics and a time from the conversation and searches hybrid.
/// Unlike MIRIX, the knowledge-vault section honours scopes and tags too, counts are of what the caller may read, and a
/// <c>raw</c> section holds the raw memories relevant to the topic.
/// </summary>
public static class RetrieveEndpoints
{
    public static IEndpointRouteBuilder MapRetrieveEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/memory/retrieve/topic", RetrieveByTopic).RequireAuthorization().WithTags("Search").WithName("RetrieveByTopic")
            .WithSummary("Returns a user's memories relevant to a topic (';'-separated keywords), by type.");
        app.MapPost("/memory/retrieve/conversation", RetrieveForConversation).RequireAuthorization().WithTags("Search").WithName("RetrieveForConversation")
            .WithSummary("Extracts a conversation's topics and time with the LLM and returns the user's memories relevant to them, by type.");
        return app;
    }

    public static async Task<Results<Ok<RetrieveResponse>, ProblemHttpResult>> RetrieveByTopic(
        Caller caller, MirixDbContext db, TopicRetrieval retrieval, CancellationToken ct,
        string? user_id = null, string topic = "", int limit = 10, string? filter_tags = null, bool use_cache = true)
    {
        if (limit is < 1 or > 100)
        {
            return Problems.Invalid("limit must be between 1 and 100.");
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
        var found = await retrieval.RetrieveAsync(caller, userId!, new TopicRetrieval.Query(topic, limit, tags), ct);
        return TypedResults.Ok(new RetrieveResponse(true, topic, Memories(found)));
    }

    public static async Task<Results<Ok<RetrieveConversationResponse>, ProblemHttpResult>> RetrieveForConversation(
        RetrieveConversationRequest request, Caller caller, MirixDbContext db, ConversationRetrieval retrieval, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = request.Limit ?? 10;
        if (limit is < 1 or > 100)
        {
            return Problems.Invalid("limit must be between 1 and 100.");
        }
        var (messages, messageError) = MessageNormalizer.Normalize(request.Messages);
        if (messages is null)
        {
            return Problems.Invalid(messageError!);
        }
        var (tags, tagsError) = FilterTagsFilter.Parse(request.FilterTags);
        if (tags is null)
        {
            return Problems.BadRequest(tagsError!);
        }
        var (start, startError) = SearchEndpoints.ParseDate(request.StartDate, "start_date");
        var (end, endError) = SearchEndpoints.ParseDate(request.EndDate, "end_date");
        if ((startError ?? endError) is { } dateError)
        {
            return Problems.BadRequest(dateError);
        }
        if (start > end)
        {
            return Problems.BadRequest("start_date must not be after end_date.");
        }
        var (userId, problem) = await TargetUser.ResolveAsync(caller, request.UserId, db, ct, createIfMissing: true);
        if (problem is not null)
        {
            return problem;
        }
        var result = await retrieval.RetrieveAsync(caller, new ConversationRetrieval.Request(userId!, messages, limit, tags, start, end), ct);
        return TypedResults.Ok(new RetrieveConversationResponse(
            true, result.Topics, result.TemporalExpression, result.Start is null && result.End is null ? null : new DateRange(result.Start, result.End),
            Memories(result.Found), result.Method, result.FallbackReason));
    }

    private static RetrievedMemories Memories(TopicRetrieval.Findings found)
    {
        Section<TSummary> Section<TItem, TSummary>(string type, Func<TItem, TSummary> summary) where TItem : MemoryItem =>
            new(found.Sections[type].TotalCount, found.Sections[type].Items.Cast<TItem>().Select(summary).ToList());
        return new RetrievedMemories(
            new EpisodicSection(found.EpisodicCount, found.RecentEvents.Select(EventItem).ToList(), found.RelevantEvents.Select(EventItem).ToList()),
            Section("semantic", (SemanticItem s) => new SemanticSummary(s.Id, s.Name, s.Summary, s.Details)),
            Section("resource", (ResourceItem r) => new ResourceSummary(r.Id, r.Title, r.Summary, r.ResourceType)),
            Section("procedural", (ProceduralItem p) => new ProceduralSummary(p.Id, p.EntryType, p.Summary)),
            Section("knowledge_vault", (KnowledgeVaultItem k) => new KnowledgeVaultSummary(k.Id, k.Caption)),
            CoreSection.From(found.Blocks, int.MaxValue),
            // Beyond MIRIX: what adds without an LLM kept, relevant to the topic (the most recent without one).
            Section("raw", (RawMemory r) => new RawSummary(r.Id, r.Context, r.OccurredAt)));
    }

    private static EventView EventItem(MemoryItem item)
    {
        var e = (EpisodicEvent)item;
        return new EventView(e.Id, e.OccurredAt, e.Summary, e.Details);
    }
}
