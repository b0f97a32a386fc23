using Mirix.Contracts;
using Mirix.Web.Services;

namespace Mirix.Web.Tests;

/// <summary>The browser's view logic: the overview's per-day counts and the search page's explain bars.</summary>
public sealed class ViewLogicTests
{
    private static readonly DateTime Today = new(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc);

    private static SemanticView Fact(DateTime written) => new("sem", "Ana", "s", "d", "chat", null, [], null, written, written);

    [Fact]
    public void Memories_are_counted_on_the_day_they_were_written_and_empty_days_are_zero()
    {
        var memories = new MemorySections(
            Semantic: new Section<SemanticView>(3, [Fact(Today.AddHours(9)), Fact(Today.AddHours(10)), Fact(Today.AddDays(-2).AddHours(1))]),
            Raw: new Section<RawMemoryView>(1, [new RawMemoryView("raw", "note", null, "alice", "org", null, new LastModify(Today, "created"), [], null, Today.AddDays(-40), Today)]));

        var days = WrittenPerDay.Of(memories, Today, 7);

        Assert.Equal(7, days.Count);
        Assert.Equal(Today.AddDays(-6), days[0].Day);
        Assert.Equal(2, days[^1].Count);
        Assert.Equal(1, days[^3].Count);
        Assert.Equal(3, days.Sum(d => d.Count)); // the raw note is older than the window
    }

    [Fact]
    public void Results_come_best_first_and_each_signal_is_drawn_on_one_scale_across_results()
    {
        SearchHit[] hits =
        [
            new SemanticHit("Bruno", "colleague", "", "chat") { Id = "b", Score = 0.4, Explain = new Dictionary<string, double> { ["bm25"] = 2.0 } },
            new SemanticHit("Ana", "sister", "", "chat") { Id = "a", Score = 0.9, Explain = new Dictionary<string, double> { ["bm25"] = 8.0, ["embedding"] = 0.5 } },
        ];

        var ranked = SearchResultView.Rank(hits);

        Assert.Equal(["Ana: sister", "Bruno: colleague"], ranked.Select(r => r.Text));
        Assert.Equal(100, ranked[0].Signals.Single(s => s.Name == "bm25").Percent);
        Assert.Equal(25, ranked[1].Signals.Single(s => s.Name == "bm25").Percent);
        Assert.Equal(100, ranked[0].Signals.Single(s => s.Name == "embedding").Percent);
    }
}
