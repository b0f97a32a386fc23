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
    public DbSet<ClientApiKey> ClientApiKeys => Set<ClientApiKey>();
    public DbSet<Agent> Agents => Set<Agent>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<AgentStep> Steps => Set<AgentStep>();
    public DbSet<Block> Blocks => Set<Block>();
    public DbSet<EpisodicEvent> EpisodicEvents => Set<EpisodicEvent>();
    public DbSet<SemanticItem> SemanticItems => Set<SemanticItem>();
    public DbSet<ProceduralItem> ProceduralItems => Set<ProceduralItem>();
    public DbSet<ResourceItem> ResourceItems => Set<ResourceItem>();
    public DbSet<KnowledgeVaultItem> KnowledgeVaultItems => Set<KnowledgeVaultItem>();
    public DbSet<RawMemory> RawMemories => Set<RawMemory>();
    public DbSet<MemoryEmbedding> MemoryEmbeddings => Set<MemoryEmbedding>();
    public DbSet<IngestionOperation> IngestionOperations => Set<IngestionOperation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MirixDbContext).Assembly);
        if (Database.IsNpgsql())
        {
            modelBuilder.UsePostgresJsonTags();
        }
    }
}
