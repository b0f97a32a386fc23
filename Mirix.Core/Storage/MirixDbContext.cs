using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;

namespace Mirix.Core.Storage;

/// <summary>
/// The one model of Mirix. It runs on PostgreSQL and on SQLite; each provider has a subclass that owns its migrations.
/// </summary>
public abstract class MirixDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<User> Users => Set<User>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MirixDbContext).Assembly);
    }
}
