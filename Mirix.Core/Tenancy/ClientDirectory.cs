using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Domain;
using Mirix.Core.Storage;

namespace Mirix.Core.Tenancy;

/// <summary>
/// Resolves API keys and clients, with a short cache so a hot path costs no query per request. Entries live
/// <see cref="CacheLifetime"/> at most, so a revoked key or a deactivated client stops working within that time
/// on every process; this process forgets them at once.
/// </summary>
public sealed class ClientDirectory(IServiceScopeFactory scopes, IMemoryCache cache)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(3);

    public sealed record KeyLookup(Client Client, ClientApiKey Key);

    public async Task<KeyLookup?> FindByApiKeyAsync(string rawKey, CancellationToken cancellationToken)
    {
        var hash = ApiKeys.Hash(rawKey);
        return await cache.GetOrCreateAsync(("key", hash), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheLifetime;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
            var key = await db.ClientApiKeys.AsNoTracking()
                .SingleOrDefaultAsync(k => k.ApiKeyHash == hash && k.Status == ApiKeyStatus.Active, cancellationToken);
            if (key is null)
            {
                return null;
            }
            var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == key.ClientId, cancellationToken);
            return client is null ? null : new KeyLookup(client, key);
        });
    }

    public async Task<Client?> FindClientAsync(string clientId, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(("client", clientId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheLifetime;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
            return await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken);
        });

    /// <summary>Called after a client or key changes, so this process never serves the old state.</summary>
    public void Forget(string clientId, string? apiKeyHash = null)
    {
        cache.Remove(("client", clientId));
        if (apiKeyHash is not null)
        {
            cache.Remove(("key", apiKeyHash));
        }
    }
}
