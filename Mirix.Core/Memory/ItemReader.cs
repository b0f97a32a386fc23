using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mirix.Core.Memory;

/// <summary>
/// Reads one memory item from JSON with precise errors (<c>items[2].summary is required</c>) and refuses fields the
/// memory type does not have, so a typo is reported instead of silently dropped.
/// </summary>
public sealed class ItemReader(JsonObject item, string path)
{
    private readonly List<string> _errors = [];

    /// <summary>The longest text of a memory field (a summary, details, a secret): a memory is a note, not a document.</summary>
    public const int TextLength = 50_000;

    /// <summary>The longest document a memory may hold (a resource's content, a raw memory's text).</summary>
    public const int DocumentLength = 1_000_000;

    public IReadOnlyList<string> Errors => _errors;

    public bool Has(string field) => item.ContainsKey(field);

    public void RejectUnknown(IReadOnlySet<string> allowed)
    {
        foreach (var (name, _) in item)
        {
            if (!allowed.Contains(name))
            {
                _errors.Add($"{path}.{name} is not a field of this memory type.");
            }
        }
    }

    /// <summary>A non-blank string (MIRIX's validators refuse empty summaries, captions, secrets…).</summary>
    public string RequiredText(string field, int maxLength = TextLength)
    {
        var value = OptionalText(field, null, maxLength);
        if (string.IsNullOrWhiteSpace(value))
        {
            _errors.Add($"{path}.{field} is required and must not be blank.");
            return "";
        }
        return value;
    }

    public string? OptionalText(string field, string? fallback, int maxLength = TextLength)
    {
        var node = item[field];
        if (node is null)
        {
            return fallback;
        }
        if (node.GetValueKind() != JsonValueKind.String)
        {
            _errors.Add($"{path}.{field} must be a string.");
            return fallback;
        }
        var text = node.GetValue<string>();
        if (text.Length > maxLength)
        {
            _errors.Add($"{path}.{field} is longer than {maxLength} characters.");
            return fallback;
        }
        return text;
    }

    /// <summary>A short label-like string (types, actors) that must fit its column.</summary>
    public string? OptionalLabel(string field, string? fallback) => OptionalText(field, fallback, LabelLength);

    public const int LabelLength = 64;

    public string OneOf(string field, string fallback, params string[] allowed)
    {
        var value = OptionalText(field, fallback) ?? fallback;
        if (!allowed.Contains(value))
        {
            _errors.Add($"{path}.{field} must be one of {string.Join(", ", allowed)}.");
        }
        return value;
    }

    public List<string>? TextList(string field, bool required)
    {
        var node = item[field];
        if (node is null)
        {
            if (required)
            {
                _errors.Add($"{path}.{field} is required.");
            }
            return null;
        }
        if (node is not JsonArray array || array.Any(e => e?.GetValueKind() != JsonValueKind.String))
        {
            _errors.Add($"{path}.{field} must be a list of strings.");
            return null;
        }
        var list = array.Select(e => e!.GetValue<string>()).ToList();
        if (required && list.All(string.IsNullOrWhiteSpace))
        {
            _errors.Add($"{path}.{field} must not be empty.");
        }
        return list;
    }

    /// <summary>
    /// A point in time as UTC. ISO-8601 with an offset is taken as is; a local "YYYY-MM-DD HH:MM:SS" (the agents' format)
    /// is read in the user's time zone.
    /// </summary>
    public DateTime? Timestamp(string field, TimeZoneInfo userZone)
    {
        var text = OptionalText(field, null);
        if (text is null)
        {
            return null;
        }
        if (TimeParsing.TryParseUtc(text, userZone, out var utc))
        {
            return utc;
        }
        _errors.Add($"{path}.{field} must be an ISO-8601 date-time or 'YYYY-MM-DD HH:MM:SS'.");
        return null;
    }

    public JsonObject? JsonObjectField(string field)
    {
        var node = item[field];
        if (node is null)
        {
            return null;
        }
        if (node is not JsonObject obj)
        {
            _errors.Add($"{path}.{field} must be an object.");
            return null;
        }
        return obj;
    }
}

public static class TimeParsing
{
    private static readonly string[] LocalFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];

    public static bool TryParseUtc(string text, TimeZoneInfo userZone, out DateTime utc)
    {
        ArgumentNullException.ThrowIfNull(userZone);
        utc = default;
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), userZone);
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            utc = parsed.UtcDateTime;
            return true;
        }
        return false;
    }
}
