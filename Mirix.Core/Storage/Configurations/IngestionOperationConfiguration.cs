using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mirix.Core.Domain;

namespace Mirix.Core.Storage.Configurations;

internal sealed class IngestionOperationConfiguration : IEntityTypeConfiguration<IngestionOperation>
{
    public void Configure(EntityTypeBuilder<IngestionOperation> builder)
    {
        builder.ToTable("ingestion_operations");
        builder.ConfigureEntity();
        builder.Property(o => o.OrganizationId).HasMaxLength(128);
        builder.Property(o => o.ClientId).HasMaxLength(128);
        builder.Property(o => o.UserId).HasMaxLength(128);
        builder.Property(o => o.AgentId).HasMaxLength(128);
        builder.Property(o => o.Status).HasMaxLength(16);
        builder.Property(o => o.Transport).HasMaxLength(32);
        builder.Property(o => o.Mode).HasMaxLength(16);
        builder.Property(o => o.IdempotencyKey).HasMaxLength(128);
        builder.Property(o => o.ResultJson).HasColumnName("result");
        // One operation per key and client; requests without a key (null) are not constrained.
        builder.HasIndex(o => new { o.OrganizationId, o.ClientId, o.IdempotencyKey }).IsUnique();
        // Listing a client's operations by status (dead letters), newest first.
        builder.HasIndex(o => new { o.OrganizationId, o.ClientId, o.Status, o.CreatedAt });
        // The in-process queue's recovery at start-up, and the lag health check.
        builder.HasIndex(o => new { o.Transport, o.Status, o.CreatedAt });
        builder.HasOne<Organization>().WithMany().HasForeignKey(o => o.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
