using Mirix.Contracts;

namespace Mirix.Web.Services;

/// <summary>The overview's chart: how many of a user's memories were written on each of the last days.</summary>
public static class WrittenPerDay
{
    /// <summary>One entry per day from <paramref name="days"/> days before <paramref name="today"/> to today, oldest first.</summary>
    public static List<(DateTime Day, int Count)> Of(MemorySections memories, DateTime today, int days)
    {
        ArgumentNullException.ThrowIfNull(memories);
        IEnumerable<DateTime> written =
        [
            .. memories.Episodic?.Items.Select(i => i.CreatedAt) ?? [],
            .. memories.Semantic?.Items.Select(i => i.CreatedAt) ?? [],
            .. memories.Procedural?.Items.Select(i => i.CreatedAt) ?? [],
            .. memories.Resource?.Items.Select(i => i.CreatedAt) ?? [],
            .. memories.KnowledgeVault?.Items.Select(i => i.CreatedAt) ?? [],
            .. memories.Raw?.Items.Select(i => i.CreatedAt) ?? [],
        ];
        var perDay = written.GroupBy(w => w.Date).ToDictionary(g => g.Key, g => g.Count());
        var first = today.Date.AddDays(1 - days);
        return [.. Enumerable.Range(0, days).Select(i => first.AddDays(i)).Select(day => (day, perDay.GetValueOrDefault(day)))];
    }
}
