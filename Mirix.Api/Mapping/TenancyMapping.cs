using Mirix.Core.Domain;

namespace Mirix.Api.Mapping;

internal static class TenancyMapping
{
    extension(OrganizationResponse)
    {
        public static OrganizationResponse From(Organization o) => new(o.Id, o.Name, o.CreatedAt);
    }

    extension(ClientResponse)
    {
        public static ClientResponse From(Client c) =>
            new(c.Id, c.OrganizationId, c.Name, c.Status, c.WriteScope, c.ReadScopes, c.Email, c.CreatedAt, c.UpdatedAt, c.LastLogin, c.IsDeleted);
    }

    extension(UserResponse)
    {
        public static UserResponse From(User u) =>
            new(u.Id, u.OrganizationId, u.Name, u.Status, u.Timezone, u.IsAdmin, u.CreatedAt, u.UpdatedAt, u.IsDeleted);
    }

    extension(ApiKeyResponse)
    {
        public static ApiKeyResponse From(ClientApiKey k) => new(k.Id, k.ClientId, k.Name, k.Status, k.Permission, k.UserId, k.CreatedAt);
    }
}
