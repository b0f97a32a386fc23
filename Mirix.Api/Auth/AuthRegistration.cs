using Microsoft.AspNetCore.Authorization;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Auth;

public static class AuthRegistration
{
    public static void AddMirixAuth(this WebApplicationBuilder builder, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var section = builder.Configuration.GetSection(AuthOptions.Section);
        builder.Services.Configure<AuthOptions>(section);
        if (string.IsNullOrWhiteSpace(section[nameof(AuthOptions.JwtSecret)]))
        {
            var secret = JwtSecretFile.LoadOrCreate(storage.DataDirectory);
            builder.Services.PostConfigure<AuthOptions>(o => o.JwtSecret ??= secret);
        }
        builder.Services.AddSingleton<DashboardTokens>();
        builder.Services.AddAuthentication(MirixAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, MirixAuthenticationHandler>(
                MirixAuthenticationHandler.SchemeName, null);

        var registered = new AuthorizationPolicyBuilder(MirixAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(AuthPolicies.RegisteredClaim, "true")
            .Build();
        builder.Services.AddAuthorizationBuilder()
            .SetDefaultPolicy(registered)
            .AddPolicy(AuthPolicies.AllowUnregistered, p => p.AddAuthenticationSchemes(MirixAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(AuthPolicies.Dashboard, p => p.AddAuthenticationSchemes(MirixAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(AuthPolicies.MethodClaim, nameof(AuthMethod.DashboardToken)));
    }
}
