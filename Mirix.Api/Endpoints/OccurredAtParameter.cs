using Mirix.Core.Memory;

namespace Mirix.Api.Endpoints;

/// <summary>The <c>occurred_at</c> a write may carry: absent, or an ISO-8601 date-time (read as UTC without an offset).</summary>
internal static class OccurredAtParameter
{
    public static bool TryRead(string? text, out DateTime? occurredAt, out ProblemHttpResult? problem)
    {
        occurredAt = null;
        problem = null;
        if (text is null)
        {
            return true;
        }
        if (!TimeParsing.TryParseUtc(text, TimeZoneInfo.Utc, out var parsed))
        {
            problem = Problems.BadRequest("occurred_at must be an ISO-8601 date-time.");
            return false;
        }
        occurredAt = parsed;
        return true;
    }
}
