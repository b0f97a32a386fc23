using Mirix.Core.Domain;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Core.Ingestion;

/// <summary>Which operations a caller may see: its own client's, or any of its organization's for a dashboard account.</summary>
public static class OperationJournal
{
    public static IQueryable<IngestionOperation> Visible(MirixDbContext db, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(caller);
        var operations = db.IngestionOperations.AsQueryable().Where(o => o.OrganizationId == caller.OrganizationId);
        if (caller.Method != AuthMethod.DashboardToken)
        {
            operations = operations.Where(o => o.ClientId == caller.ClientId);
        }
        if (caller.BoundUserId is { } user)
        {
            operations = operations.Where(o => o.UserId == user);
        }
        return operations;
    }
}
