namespace Mirix.Core.Tenancy;

public enum AuthMethod
{
    ApiKey,
    /// <summary>A dashboard account's bearer token.</summary>
    DashboardToken,
    /// <summary>
    /// A dashboard account's bearer token acting as one of the clients it manages (<c>X-Mirix-Client</c>): the memory
    /// browser reads as that client sees, and never with operator rights.
    /// </summary>
    DashboardActingAsClient,
    /// <summary>Trusted <c>X-Client-Id</c>/<c>X-Org-Id</c> headers; only with the development setting on.</summary>
    ClientHeaders,
}
