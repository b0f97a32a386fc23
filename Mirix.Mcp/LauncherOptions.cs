namespace Mirix.Mcp;

/// <summary>Where the Mirix server is and the API key to reach it with: arguments first, then the environment.</summary>
public sealed record LauncherOptions(Uri? Endpoint, string? ApiKey, string? Error)
{
    public const string Usage = """
        usage: mirix-mcp --url http://127.0.0.1:8531 --api-key <key>
          --url       the Mirix server (or MIRIX_URL); its MCP endpoint is <url>/mcp
          --api-key   a client API key (or MIRIX_API_KEY): it decides whose memory the tools reach
        """;

    public static LauncherOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        string? url = null, key = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--url" when i + 1 < args.Count:
                    url = args[++i];
                    break;
                case "--api-key" when i + 1 < args.Count:
                    key = args[++i];
                    break;
                default:
                    return new(null, null, $"Unknown or incomplete argument '{args[i]}'.");
            }
        }
        url ??= environment("MIRIX_URL") ?? "http://127.0.0.1:8531";
        key ??= environment("MIRIX_API_KEY");
        if (!Uri.TryCreate(url.TrimEnd('/') + "/mcp", UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            return new(null, null, $"'{url}' is not an http(s) URL.");
        }
        return string.IsNullOrWhiteSpace(key) ? new(null, null, "An API key is needed: --api-key or MIRIX_API_KEY.") : new(endpoint, key, null);
    }
}
