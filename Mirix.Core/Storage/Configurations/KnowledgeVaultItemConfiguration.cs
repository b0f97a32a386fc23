using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mirix.Core.Domain;

namespace Mirix.Core.Storage.Configurations;

internal sealed class KnowledgeVaultItemConfiguration : IEntityTypeConfiguration<KnowledgeVaultItem>
{
    public void Configure(EntityTypeBuilder<KnowledgeVaultItem> builder)
    {
        builder.ConfigureMemoryItem("knowledge_vault");
        builder.Property(k => k.EntryType).HasMaxLength(64);
        builder.Property(k => k.Sensitivity).HasMaxLength(16);
    }
}
