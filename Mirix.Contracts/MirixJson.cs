namespace Mirix.Contracts;

/// <summary>How the API's JSON is written and read: MIRIX's snake_case names.</summary>
public static class MirixJson
{
    /// <summary>
    /// Options for reading the API's answers and writing requests. Unknown fields are ignored, so an older client keeps
    /// working against a newer server; the server itself refuses unknown fields in requests.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Applies the API's naming and reading rules to <paramref name="options"/> (the Api's own options, a client's).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        // Polymorphic items (search hits, chat events) may carry their type anywhere in the object.
        options.AllowOutOfOrderMetadataProperties = true;
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
