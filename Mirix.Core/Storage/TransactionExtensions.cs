using Microsoft.EntityFrameworkCore;

namespace Mirix.Core.Storage;

public static class TransactionExtensions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction under the provider's execution strategy, so a transient failure
    /// retries the whole unit (a retrying strategy refuses bare user transactions). The work must be safe to run again.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this MirixDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var result = await work(token);
            await transaction.CommitAsync(token);
            return result;
        }, ct);
    }
}
