using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Mirix.Core.Domain;

namespace Mirix.Api.Auth;

/// <summary>Issues and validates the dashboard's HS256 bearer tokens (subject = client id).</summary>
public sealed class DashboardTokens
{
    private const string Issuer = "mirix-net";
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SymmetricSecurityKey _key;
    private readonly TimeProvider _time;

    public DashboardTokens(IOptions<AuthOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        Lifetime = TimeSpan.FromHours(options.Value.TokenLifetimeHours);
        var secret = options.Value.JwtSecret ?? throw new InvalidOperationException("Mirix:Auth:JwtSecret is not set.");
        _key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
    }

    public TimeSpan Lifetime { get; }

    public string Issue(Client client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = _time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = client.Id,
                ["name"] = client.Name,
                ["email"] = client.Email ?? "",
                ["admin_user_id"] = WellKnownIds.ClientAdminUserId(client.Id),
            },
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The client id the token was issued to, or null when it is not valid (forged, expired, malformed).</summary>
    public async Task<string?> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Issuer,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            LifetimeValidator = (notBefore, expires, _, _) => expires is { } e && e > _time.GetUtcNow().UtcDateTime,
        });
        return result.IsValid ? result.ClaimsIdentity.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? result.ClaimsIdentity.FindFirst("sub")?.Value : null;
    }
}
