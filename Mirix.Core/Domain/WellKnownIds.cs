namespace Mirix.Core.Domain;

/// <summary>The fixed ids MIRIX clients and data rely on.</summary>
public static class WellKnownIds
{
    public const string DefaultOrganizationId = "org-00000000-0000-4000-8000-000000000000";
    public const string DefaultOrganizationName = "default_org";
    public const string AdminUserId = "user-00000000-0000-4000-8000-000000000000";
    public const string AdminUserName = "admin_user";
    public const string DefaultClientId = "client-00000000-0000-4000-8000-000000000000";
    public const string DefaultClientName = "default_client";
    public const string DefaultTimezone = "UTC (UTC+00:00)";

    /// <summary>A client's own admin user, the default owner of its memory calls: <c>user-&lt;client id without "client-"&gt;</c>.</summary>
    public static string ClientAdminUserId(string clientId) =>
        "user-" + (clientId.StartsWith("client-", StringComparison.Ordinal) ? clientId["client-".Length..] : clientId);

    /// <summary>The per-organization user that holds core-memory templates.</summary>
    public static string TemplateUserId(string organizationId) => "user-default-" + organizationId;
}
