using Microsoft.EntityFrameworkCore;

namespace Mirix.Core.Storage;

/// <summary>The PostgreSQL flavour of <see cref="MirixDbContext"/>; its migrations live in Migrations/Postgres.</summary>
public sealed class PostgresMirixDbContext(DbContextOptions<PostgresMirixDbContext> options) : MirixDbContext(options);
