using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Mirix.Agents.Llm;
using Mirix.Core.Agents;
using Mirix.Core.Ingestion;
using Mirix.Core.Memory;
using Mirix.Core.Operations;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Agents.Retrieval;

/// <summary>
/// What to remember for a conversation: one LLM call extracts its topics and the time it speaks of, the time becomes a
/// period in the user's zone (explicit dates win), and hybrid retrieval runs over every type within the caller's read
/// scopes. With no LLM, or when the call fails, the conversation's last turns are the query instead, and the result
/// says so (MIRIX silently falls back to recent memories).
/// </summary>
public sealed partial class ConversationRetrieval(
    LlmGateway llm, TopicRetrieval retrieval, MemoryStager stager, MirixDbContext db, TimeProvider time, ILogger<ConversationRetrieval> logger)
{
    /// <summary>How many of the latest messages the extractor reads, and at most how much of their text.</summary>
    private const int ReadMessages = 12;
    private const int ReadCharacters = 8_000;
    /// <summary>The fallback query: the latest turns' text, this long at most.</summary>
    private const int FallbackCharacters = 500;

    public sealed record Request(string UserId, IReadOnlyList<IngestedMessage> Messages, int Limit, FilterTagsFilter Tags, DateTime? Start, DateTime? End);

    /// <summary>
    /// <see cref="Method"/> is <c>llm</c> when the model extracted the topics, <c>last_turns</c> when the latest turns were
    /// searched instead, with the reason in <see cref="FallbackReason"/>.
    /// </summary>
    public sealed record Result(
        string Topics, string? TemporalExpression, DateTime? Start, DateTime? End, string Method, string? FallbackReason, TopicRetrieval.Findings Found);

    public async Task<Result> RetrieveAsync(Caller caller, Request request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var latest = request.Messages.TakeLast(ReadMessages).ToList();
        var conversation = string.Join("\n", latest.Select(MessageNormalizer.ToText));
        if (conversation.Length > ReadCharacters)
        {
            conversation = conversation[^ReadCharacters..];
        }

        var (extracted, failure) = await ExtractAsync(caller, conversation, ct);
        var (start, end) = (request.Start, request.End);
        if (extracted?.TemporalExpression is { } expression && start is null && end is null)
        {
            var zone = await stager.UserZoneAsync(caller.OrganizationId, request.UserId, ct);
            if (TemporalExpression.Parse(expression, time.GetUtcNow(), zone) is { } range)
            {
                (start, end) = (range.StartUtc, range.EndUtc);
            }
        }
        var topics = extracted?.Topics ?? LastTurns(latest);
        var found = await retrieval.RetrieveAsync(caller, request.UserId,
            new TopicRetrieval.Query(topics, request.Limit, request.Tags, "hybrid", start, end), ct);
        return new Result(topics, extracted?.TemporalExpression, start, end, extracted is null ? "last_turns" : "llm", failure, found);
    }

    private async Task<(ExtractedTopics? Topics, string? Failure)> ExtractAsync(Caller caller, string conversation, CancellationToken ct)
    {
        if (!llm.IsConfigured)
        {
            return (null, IngestionMode.NoLlmReason);
        }
        if (string.IsNullOrWhiteSpace(conversation))
        {
            return (null, "the conversation has no text");
        }
        var configured = await db.Agents.AsNoTracking().MetaAgentOf(caller).Select(a => a.LlmConfig).FirstOrDefaultAsync(ct);
        try
        {
            var model = llm.Resolve(RequestedModel.Of(configured));
            var (messages, options) = TopicExtraction.Request(conversation);
            var response = await llm.CompleteAsync(caller.OrganizationId, model, messages, options, ct);
            return TopicExtraction.Read(response) is { } topics ? (topics, null) : (null, "the model did not report the topics");
        }
        catch (LlmCallFailedException e)
        {
            LogExtractionFailed(logger, e.Message);
            return (null, e.Message);
        }
    }

    private static string LastTurns(List<IngestedMessage> latest)
    {
        var text = string.Join(" ", latest.TakeLast(2).Select(MessageNormalizer.PlainText)).Trim();
        return text.Length <= FallbackCharacters ? text : text[^FallbackCharacters..];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Topic extraction failed, searching the last turns instead: {Reason}")]
    private static partial void LogExtractionFailed(ILogger logger, string reason);
}
