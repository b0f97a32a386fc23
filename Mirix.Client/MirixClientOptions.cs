namespace Mirix.Client;

/// <summary>Where the server is and how to authenticate.</summary>
public sealed class MirixClientOptions
{
    /// <summary>
    /// The server's address. Under Aspire service discovery, a logical name such as <c>https+http://api</c> works too.
    /// </summary>
    public Uri BaseAddress { get; set; } = new("http://localhost:8531");

    /// <summary>A client's API key, sent as <c>X-API-Key</c>. Operator calls (organizations, clients, keys) need the operator key.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one try of a call may take; model-backed calls (add_sync, retrieval with conversation) need the most.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a call may take across its retries.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);
}
