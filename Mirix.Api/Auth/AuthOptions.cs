namespace Mirix.Api.Auth;

/// <summary><c>Mirix:Auth</c> settings.</summary>
public sealed class AuthOptions
{
    public const string Section = "Mirix:Auth";

    /// <summary>
    /// Development only: trust <c>X-Client-Id</c>/<c>X-Org-Id</c> headers without a key, as the MIRIX SDK sends when it
    /// has no API key. Off by default: anyone who can reach the server could act as any client.
    /// </summary>
    public bool AllowClientHeaders { get; set; }

    /// <summary>HS256 secret for dashboard tokens (at least 32 characters). Unset: generated once into the data folder.</summary>
    public string? JwtSecret { get; set; }

    public int TokenLifetimeHours { get; set; } = 24;
}
