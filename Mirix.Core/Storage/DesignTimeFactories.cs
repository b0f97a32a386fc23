using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mirix.Core.Storage;

// Used only by `dotnet ef migrations add`: generating a migration needs the provider, not a live server.

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMirixDbContext>
{
    public PostgresMirixDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<PostgresMirixDbContext>()
        .UseNpgsql("Host=localhost;Database=mirix")
        .UseSnakeCaseNamingConvention()
        .Options);
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMirixDbContext>
{
    public SqliteMirixDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<SqliteMirixDbContext>()
        .UseSqlite("Data Source=design.db")
        .UseSnakeCaseNamingConvention()
        .Options);
}
