using Mirix.Api.Auth;
using Mirix.Core.Domain;

namespace Mirix.Api.Mapping;

internal static class DashboardMapping
{
    extension(DashboardClientResponse)
    {
        public static DashboardClientResponse From(Client c) =>
            new(c.Id, c.Name, c.Email, c.WriteScope, c.ReadScopes, c.Status, c.AdminUserIdFor(), c.CreatedAt, c.LastLogin);
    }

    extension(TokenResponse)
    {
        public static TokenResponse For(Client client, DashboardTokens tokens) =>
            new(tokens.Issue(client), "bearer", (int)tokens.Lifetime.TotalSeconds, DashboardClientResponse.From(client));
    }
}
