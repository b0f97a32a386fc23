using System.Globalization;
using System.Text.RegularExpressions;

namespace Mirix.Core.Retrieval;

/// <summary>A period in UTC, both ends inclusive: what a temporal expression meant in the user's time zone.</summary>
public sealed record TemporalRange(DateTime StartUtc, DateTime EndUtc);

/// <summary>
/// Turns the temporal phrase the topic extractor found ("yesterday", "last 3 weeks", "in March") into a period. Days
/// begin and end at the user's midnight, then the period is converted to UTC, which is how events are stored (MIRIX
/// drops the zone instead, so its "today" is off by the user's UTC offset). Covers MIRIX's expressions and the common
/// ones it misses (N days ago, weekdays, weekends, years, month names, ISO dates). The first rule that matches wins;
/// an expression no rule reads gives null, and retrieval is then not limited in time.
/// </summary>
public static partial class TemporalExpression
{
    public static TemporalRange? Parse(string? expression, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (string.IsNullOrWhiteSpace(expression))
        {
            return null;
        }
        var text = Spaces().Replace(expression.Trim().ToLowerInvariant(), " ");
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        var local = Local(text, today);
        return local is { } range ? new TemporalRange(ToUtc(range.Start, zone), ToUtc(range.EndExclusive, zone).AddTicks(-1)) : null;
    }

    /// <summary>[start, end) in the user's local calendar.</summary>
    private static (DateTime Start, DateTime EndExclusive)? Local(string text, DateTime today)
    {
        var tomorrow = today.AddDays(1);
        if (Word(text, "today") || Word(text, "tonight") || Word(text, "this morning") || Word(text, "this afternoon") || Word(text, "this evening"))
        {
            return (today, tomorrow);
        }
        if (Word(text, "day before yesterday"))
        {
            return (today.AddDays(-2), today.AddDays(-1));
        }
        if (Word(text, "yesterday") || Word(text, "last night"))
        {
            return (today.AddDays(-1), today);
        }
        if (Ago().Match(text) is { Success: true } ago)
        {
            var n = Count(ago.Groups["n"].Value);
            return ago.Groups["unit"].Value switch
            {
                "day" => (today.AddDays(-n), today.AddDays(-n + 1)),
                "week" => (today.AddDays(-7 * n - 3), today.AddDays(-7 * n + 4)),
                "month" => (today.AddMonths(-n).AddDays(-15), today.AddMonths(-n).AddDays(16)),
                _ => (today.AddYears(-n).AddMonths(-6), today.AddYears(-n).AddMonths(6)),
            };
        }
        if (LastN().Match(text) is { Success: true } last)
        {
            var n = Count(last.Groups["n"].Value);
            var start = last.Groups["unit"].Value switch
            {
                "day" => today.AddDays(-n + 1),
                "week" => today.AddDays(-7 * n + 1),
                "month" => today.AddMonths(-n).AddDays(1),
                _ => today.AddYears(-n).AddDays(1),
            };
            return (start, tomorrow);
        }
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        if (Word(text, "last weekend"))
        {
            var saturday = monday.AddDays(-2);
            return (saturday, monday);
        }
        if (Word(text, "this weekend"))
        {
            return (monday.AddDays(5), monday.AddDays(7));
        }
        if (Word(text, "last week") || Word(text, "past week"))
        {
            return (today.AddDays(-6), tomorrow);
        }
        if (Word(text, "this week"))
        {
            return (monday, tomorrow);
        }
        if (Word(text, "last month") || Word(text, "past month"))
        {
            return (today.AddDays(-29), tomorrow);
        }
        if (Word(text, "this month"))
        {
            return (new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Unspecified), tomorrow);
        }
        if (Word(text, "last year") || Word(text, "past year"))
        {
            return (new DateTime(today.Year - 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), new DateTime(today.Year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified));
        }
        if (Word(text, "this year"))
        {
            return (new DateTime(today.Year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), tomorrow);
        }
        if (Word(text, "recently") || Word(text, "lately") || Word(text, "these days"))
        {
            return (today.AddDays(-13), tomorrow);
        }
        if (Weekday().Match(text) is { Success: true } weekday)
        {
            // "On Tuesday" and "last Tuesday" both mean the latest Tuesday before today.
            var wanted = Enum.Parse<DayOfWeek>(weekday.Groups["day"].Value, ignoreCase: true);
            var back = ((int)today.DayOfWeek - (int)wanted + 7) % 7;
            var day = today.AddDays(-(back == 0 ? 7 : back));
            return (day, day.AddDays(1));
        }
        if (IsoDate().Match(text) is { Success: true } iso
            && DateTime.TryParseExact(iso.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (date, date.AddDays(1));
        }
        if (MonthName().Match(text) is { Success: true } month
            && (month.Groups["month"].Value != "may" || month.Groups["year"].Success || Word(text, "in may") || Word(text, "during may") || Word(text, "last may")))
        {
            var number = DateTime.ParseExact(month.Groups["month"].Value[..3], "MMM", CultureInfo.InvariantCulture).Month;
            // Without a year, the latest such month that has begun. "May" alone is the verb, not the month.
            var year = month.Groups["year"].Success ? int.Parse(month.Groups["year"].Value, CultureInfo.InvariantCulture)
                : number <= today.Month ? today.Year : today.Year - 1;
            var first = new DateTime(year, number, 1, 0, 0, 0, DateTimeKind.Unspecified);
            return (first, first.AddMonths(1));
        }
        if (Year().Match(text) is { Success: true } only)
        {
            var year = int.Parse(only.Value, CultureInfo.InvariantCulture);
            return (new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified));
        }
        return null;
    }

    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A midnight skipped by a daylight-saving jump does not exist; the hour after it does.
        while (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }

    private static bool Word(string text, string phrase) =>
        Regex.IsMatch(text, $@"(?<![\p{{L}}]){Regex.Escape(phrase)}(?![\p{{L}}])", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    /// <summary>Digits, or the number words people use for short periods; capped so no period overflows the calendar.</summary>
    private static int Count(string n) => Math.Clamp(n switch
    {
        "a" or "an" or "one" => 1,
        "two" or "couple of" => 2,
        "three" or "few" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        _ => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 1,
    }, 1, 1000);

    private const string Number = @"(?<n>\d{1,4}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|couple of|few)";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\b" + Number + @" (?<unit>day|week|month|year)s? ago\b", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Ago();

    [GeneratedRegex(@"\b(last|past|previous|recent) " + Number + @" (?<unit>day|week|month|year)s?\b", RegexOptions.CultureInvariant, 100)]
    private static partial Regex LastN();

    [GeneratedRegex(@"\b(?<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Weekday();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b", RegexOptions.CultureInvariant, 100)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(?<month>january|february|march|april|may|june|july|august|september|october|november|december)(,? (?<year>\d{4}))?\b", RegexOptions.CultureInvariant, 100)]
    private static partial Regex MonthName();

    [GeneratedRegex(@"\b(19|20)\d{2}\b", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Year();
}
