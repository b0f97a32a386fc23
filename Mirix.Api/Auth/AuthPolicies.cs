namespace Mirix.Api.Auth;

public static class AuthPolicies
{
    /// <summary>The registration routes, which a client in header mode calls before it exists.</summary>
    public const string AllowUnregistered = "allow-unregistered";

    /// <summary>Routes for dashboard accounts (bearer token) only: client and API-key management.</summary>
    public const string Dashboard = "dashboard";

    public const string RegisteredClaim = "mirix:registered";
    public const string MethodClaim = "mirix:auth_method";
}
