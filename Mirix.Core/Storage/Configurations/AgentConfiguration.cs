using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mirix.Core.Domain;

namespace Mirix.Core.Storage.Configurations;

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> builder)
    {
        builder.ToTable("agents");
        builder.ConfigureEntity();
        builder.Property(a => a.OrganizationId).HasMaxLength(128);
        builder.Property(a => a.AgentType).HasMaxLength(64);
        builder.Property(a => a.Name).HasMaxLength(256);
        builder.Property(a => a.ParentId).HasMaxLength(128);
        builder.HasIndex(a => new { a.OrganizationId, a.CreatedById });
        builder.HasIndex(a => a.ParentId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Agent>().WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Cascade);
    }
}
