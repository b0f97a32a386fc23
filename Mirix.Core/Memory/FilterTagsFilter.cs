using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Mirix.Core.Memory;

/// <summary>
/// MIRIX's <c>filter_tags</c> query language: <c>{"k": v}</c> (equality of the value as text), <c>{"k": {"$contains": v}}</c>
/// (the stored value is an array holding v), <c>{"k": {"$exists": bool}}</c> and <c>{"k": {"$in": [..]}}</c>. All
/// conditions must hold. The reserved keys <c>scope</c> and <c>read_scopes</c> are ignored, so tags can never widen access.
/// Translated to SQL for PostgreSQL (<c>jsonb</c> operators, GIN-indexable) and SQLite (<c>json_extract</c>).
/// </summary>
public sealed class FilterTagsFilter
{
    private static readonly HashSet<string> ReservedKeys = ["scope", "read_scopes"];

    private FilterTagsFilter(IReadOnlyList<Condition> conditions) => Conditions = conditions;

    public IReadOnlyList<Condition> Conditions { get; }

    public bool IsEmpty => Conditions.Count == 0;

    public abstract record Condition(string Key);
    public sealed record EqualsCondition(string Key, string Value) : Condition(Key);
    public sealed record ContainsCondition(string Key, JsonNode Value) : Condition(Key);
    public sealed record ExistsCondition(string Key, bool Exists) : Condition(Key);
    public sealed record InCondition(string Key, IReadOnlyList<string> Values) : Condition(Key);

    public static FilterTagsFilter Empty { get; } = new([]);

    /// <summary>Parses the JSON text of a <c>filter_tags</c> query parameter; null or blank means no filter.</summary>
    public static (FilterTagsFilter? Filter, string? Error) Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return (Empty, null);
        }
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            return (null, $"filter_tags is not valid JSON: {ex.Message}");
        }
        return node is JsonObject obj ? Parse(obj) : (null, "filter_tags must be a JSON object.");
    }

    public static (FilterTagsFilter? Filter, string? Error) Parse(JsonObject? tags)
    {
        var conditions = new List<Condition>();
        foreach (var (key, value) in tags ?? [])
        {
            if (ReservedKeys.Contains(key))
            {
                continue;
            }
            switch (value)
            {
                case null:
                    return (null, $"filter_tags.{key} must not be null.");
                case JsonArray:
                    return (null, $"filter_tags.{key} is a list: use {{\"$contains\": value}} or {{\"$in\": [values]}}.");
                case JsonObject op when op.Count != 1:
                    return (null, $"filter_tags.{key} must hold exactly one operator ($contains, $exists or $in).");
                case JsonObject op:
                    var (name, operand) = op.First();
                    Condition? condition = name switch
                    {
                        "$contains" when operand is not null and not JsonObject => new ContainsCondition(key, operand.DeepClone()),
                        "$exists" when operand?.GetValueKind() is JsonValueKind.True or JsonValueKind.False => new ExistsCondition(key, operand.GetValue<bool>()),
                        "$in" when operand is JsonArray values && values.All(v => v is JsonValue) => new InCondition(key, values.Select(v => AsText(v!)).ToList()),
                        _ => null,
                    };
                    if (condition is null)
                    {
                        return (null, $"filter_tags.{key}: '{name}' needs {ExpectedOperand(name)}.");
                    }
                    conditions.Add(condition);
                    break;
                default:
                    conditions.Add(new EqualsCondition(key, AsText(value)));
                    break;
            }
        }
        return (new FilterTagsFilter(conditions), null);
    }

    /// <summary>
    /// The conditions as one SQL predicate over <paramref name="column"/>, with its parameters (named <c>@ft0</c>, <c>@ft1</c>, …).
    /// </summary>
    public (string Sql, IReadOnlyList<DbParameter> Parameters) ToSql(bool postgres, string column)
    {
        var sql = new StringBuilder();
        var parameters = new List<DbParameter>();
        string Add(object value, NpgsqlDbType? pgType = null)
        {
            var name = "ft" + parameters.Count.ToString(CultureInfo.InvariantCulture);
            parameters.Add(postgres
                ? pgType is { } type ? new NpgsqlParameter(name, type) { Value = value } : new NpgsqlParameter(name, value)
                : new SqliteParameter(name, value));
            return "@" + name;
        }
        foreach (var condition in Conditions)
        {
            if (sql.Length > 0)
            {
                sql.Append(" AND ");
            }
            var key = Add(postgres ? condition.Key : JsonPath(condition.Key));
            var text = postgres ? $"({column} ->> {key})" : SqliteText(column, key);
            sql.Append(condition switch
            {
                EqualsCondition c => $"{text} = {Add(c.Value)}",
                InCondition { Values.Count: 0 } => "1 = 0",
                InCondition c when postgres => $"{text} = ANY({Add(c.Values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})",
                InCondition c => $"{text} IN ({string.Join(", ", c.Values.Select(v => Add(v)))})",
                ExistsCondition c when postgres => $"{(c.Exists ? "" : "NOT ")}COALESCE(jsonb_exists({column}, {key}), false)",
                ExistsCondition c => $"json_type({column}, {key}) IS {(c.Exists ? "NOT " : "")}NULL",
                ContainsCondition c when postgres => $"{column} @> {Add(new JsonObject { [c.Key] = new JsonArray(c.Value.DeepClone()) }.ToJsonString(), NpgsqlDbType.Jsonb)}",
                ContainsCondition c => $"(json_type({column}, {key}) = 'array' AND EXISTS (SELECT 1 FROM json_each({column}, {key}) e "
                    + $"WHERE CASE e.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(e.value AS TEXT) END = {Add(AsText(c.Value))}))",
                _ => throw new InvalidOperationException(condition.GetType().Name),
            });
        }
        return (sql.ToString(), parameters);
    }

    // PostgreSQL's ->> renders true/false and numbers as their JSON text; SQLite is made to do the same.
    private static string SqliteText(string column, string path) =>
        $"(CASE json_type({column}, {path}) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN NULL "
        + $"WHEN 'object' THEN json_extract({column}, {path}) WHEN 'array' THEN json_extract({column}, {path}) "
        + $"ELSE CAST(json_extract({column}, {path}) AS TEXT) END)";

    private static string JsonPath(string key) => "$.\"" + key.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string AsText(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

    private static string ExpectedOperand(string name) => name switch
    {
        "$contains" => "a scalar value",
        "$exists" => "true or false",
        "$in" => "a list of scalar values",
        _ => "a known operator ($contains, $exists, $in)",
    };
}
