namespace Mirix.Core.Tenancy;

/// <summary>An id the caller named exists in another organization; answered with 409, never by revealing it.</summary>
public sealed class TenantConflictException(string message) : Exception(message)
{
    public TenantConflictException() : this("The id is taken.")
    {
    }

    public TenantConflictException(string message, Exception innerException) : this(message + " " + innerException?.Message)
    {
    }
}
