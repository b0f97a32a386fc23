namespace Mirix.Core.Tenancy;

/// <summary>MIRIX time zones: "Area/City" or "UTC (UTC+00:00)" — the part from " (" on is a label.</summary>
public static class Timezones
{
    public static string IanaName(string timezone)
    {
        ArgumentNullException.ThrowIfNull(timezone);
        var cut = timezone.IndexOf(" (", StringComparison.Ordinal);
        return (cut >= 0 ? timezone[..cut] : timezone).Trim();
    }

    public static bool IsValid(string timezone) => TimeZoneInfo.TryFindSystemTimeZoneById(IanaName(timezone), out _);
}
