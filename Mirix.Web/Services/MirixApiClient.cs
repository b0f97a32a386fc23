using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mirix.Web.Services;

/// <summary>Typed client for Mirix.Api, the only way the browser UI reaches data.</summary>
public sealed class MirixApiClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>The Api's <c>/health</c> answer; an unhealthy Api still answers (503) with the same body.</summary>
    public async Task<ApiHealth> GetHealthAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
        return await response.Content.ReadFromJsonAsync<ApiHealth>(Json, cancellationToken)
            ?? throw new InvalidOperationException("The API answered /health with an empty body.");
    }
}

public sealed record ApiHealth(
    string Status,
    string Service,
    string Version,
    IReadOnlyDictionary<string, ApiHealthCheck> Checks);

public sealed record ApiHealthCheck(string Status, [property: JsonPropertyName("description")] string? Description);
