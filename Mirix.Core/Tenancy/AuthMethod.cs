namespace Mirix.Core.Tenancy;

public enum AuthMethod
{
    ApiKey,
    /// <summary>A dashboard account's bearer token.</summary>
    DashboardToken,
    /// <summary>Trusted <c>X-Client-Id</c>/<c>X-Org-Id</c> headers; only with the development setting on.</summary>
    ClientHeaders,
}
