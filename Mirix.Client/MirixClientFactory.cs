using System.Net.Http.Headers;

namespace Mirix.Client;

/// <summary>
/// Clients that call with credentials of their own, for apps that serve many people (a dashboard): each gets the
/// registered HttpClient (address, resilience) with its own headers. Registered by <c>AddMirixClient</c>.
/// </summary>
public sealed class MirixClientFactory(IHttpClientFactory httpClients)
{
    /// <summary>The header with which a dashboard account reads as one of the clients it manages.</summary>
    public const string ActAsClientHeader = "X-Mirix-Client";

    /// <summary>
    /// A client calling with a dashboard account's <paramref name="bearerToken"/>, or an <paramref name="apiKey"/>;
    /// with <paramref name="actAsClientId"/>, the account reads and writes as that client (its scopes, not the account's).
    /// </summary>
    public IMirixClient Create(string? bearerToken = null, string? actAsClientId = null, string? apiKey = null)
    {
        // A new HttpClient over the pooled handlers: its default headers are this caller's alone.
        var http = httpClients.CreateClient(nameof(IMirixClient));
        if (bearerToken is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
            http.DefaultRequestHeaders.Remove("X-API-Key");
        }
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Remove("X-API-Key");
            http.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        }
        if (actAsClientId is not null)
        {
            http.DefaultRequestHeaders.Add(ActAsClientHeader, actAsClientId);
        }
        return new MirixClient(http);
    }
}
