using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mirix.Core.Domain;

namespace Mirix.Core.Storage.Configurations;

internal sealed class MemoryEmbeddingConfiguration : IEntityTypeConfiguration<MemoryEmbedding>
{
    public void Configure(EntityTypeBuilder<MemoryEmbedding> builder)
    {
        builder.ToTable("memory_embeddings");
        builder.HasKey(e => new { e.MemoryId, e.Field, e.Model });
        builder.Property(e => e.MemoryId).HasMaxLength(128);
        builder.Property(e => e.Field).HasMaxLength(32);
        builder.Property(e => e.Model).HasMaxLength(128);
        builder.Property(e => e.OrganizationId).HasMaxLength(128);
        builder.Property(e => e.UserId).HasMaxLength(128);
        builder.Property(e => e.MemoryType).HasMaxLength(32);
        // A search scans one user's vectors of one type, field and model.
        builder.HasIndex(e => new { e.OrganizationId, e.UserId, e.MemoryType, e.Field, e.Model });
    }
}
