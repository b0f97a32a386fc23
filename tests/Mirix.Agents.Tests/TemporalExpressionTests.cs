using Mirix.Core.Retrieval;

namespace Mirix.Agents.Tests;

/// <summary>
/// The temporal phrases of retrieval with conversation, read on Tuesday 2026-12-01 at 15:00 UTC by a user in Berlin
/// (UTC+1 in December): each row is the phrase and the local days it covers, first and last inclusive.
/// </summary>
public sealed class TemporalExpressionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    // MIRIX's expressions
    [InlineData("today", "2026-12-01", "2026-12-01")]
    [InlineData("Yesterday", "2026-11-30", "2026-11-30")]
    [InlineData("last 3 days", "2026-11-29", "2026-12-01")]
    [InlineData("last 1 day", "2026-12-01", "2026-12-01")]
    [InlineData("last week", "2026-11-25", "2026-12-01")]
    [InlineData("this week", "2026-11-30", "2026-12-01")]
    [InlineData("last month", "2026-11-02", "2026-12-01")]
    [InlineData("this month", "2026-12-01", "2026-12-01")]
    [InlineData("last 2 weeks", "2026-11-18", "2026-12-01")]
    [InlineData("last 2 months", "2026-10-02", "2026-12-01")]
    // Beyond MIRIX
    [InlineData("what did I do the day before yesterday", "2026-11-29", "2026-11-29")]
    [InlineData("3 days ago", "2026-11-28", "2026-11-28")]
    [InlineData("a week ago", "2026-11-21", "2026-11-27")]
    [InlineData("past few days", "2026-11-29", "2026-12-01")]
    [InlineData("last weekend", "2026-11-28", "2026-11-29")]
    [InlineData("on Friday", "2026-11-27", "2026-11-27")]
    [InlineData("last Tuesday", "2026-11-24", "2026-11-24")]
    [InlineData("last year", "2025-01-01", "2025-12-31")]
    [InlineData("this year", "2026-01-01", "2026-12-01")]
    [InlineData("in March", "2026-03-01", "2026-03-31")]
    [InlineData("December 2025", "2025-12-01", "2025-12-31")]
    [InlineData("in may", "2026-05-01", "2026-05-31")]
    [InlineData("on 2026-05-03", "2026-05-03", "2026-05-03")]
    [InlineData("back in 2024", "2024-01-01", "2024-12-31")]
    [InlineData("recently", "2026-11-18", "2026-12-01")]
    public void A_phrase_covers_whole_local_days(string phrase, string first, string last)
    {
        var range = TemporalExpression.Parse(phrase, Now, Berlin);

        Assert.NotNull(range);
        Assert.Equal(LocalMidnightUtc(first), range.StartUtc);
        Assert.Equal(LocalMidnightUtc(last).AddDays(1).AddTicks(-1), range.EndUtc);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("what may happen")]
    [InlineData("my favourite colour")]
    public void A_phrase_without_a_time_gives_no_range(string? phrase) =>
        Assert.Null(TemporalExpression.Parse(phrase, Now, Berlin));

    [Fact]
    public void Today_begins_at_the_users_midnight_not_at_utc_midnight()
    {
        var late = new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero); // already 2 December in Berlin
        var range = TemporalExpression.Parse("today", late, Berlin)!;

        Assert.Equal(new DateTime(2026, 12, 1, 23, 0, 0, DateTimeKind.Utc), range.StartUtc);
    }

    [Fact]
    public void A_day_that_starts_with_a_daylight_saving_jump_still_has_a_start()
    {
        // Santiago skips from 00:00 to 01:00 on the first Sunday of September.
        var chile = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        var range = TemporalExpression.Parse("today", new DateTimeOffset(2026, 9, 6, 18, 0, 0, TimeSpan.Zero), chile);

        Assert.NotNull(range);
        Assert.True(range.EndUtc - range.StartUtc < TimeSpan.FromHours(24));
    }

    [Fact]
    public void Huge_counts_are_capped_instead_of_overflowing_the_calendar() =>
        Assert.NotNull(TemporalExpression.Parse("last 9999 months", Now, Berlin));

    private static DateTime LocalMidnightUtc(string day) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture), Berlin);
}
