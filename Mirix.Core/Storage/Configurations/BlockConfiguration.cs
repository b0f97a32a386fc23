using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mirix.Core.Domain;

namespace Mirix.Core.Storage.Configurations;

internal sealed class BlockConfiguration : IEntityTypeConfiguration<Block>
{
    public void Configure(EntityTypeBuilder<Block> builder)
    {
        builder.ToTable("block");
        builder.ConfigureEntity();
        builder.Property(b => b.OrganizationId).HasMaxLength(128);
        builder.Property(b => b.UserId).HasMaxLength(128);
        builder.Property(b => b.Label).HasMaxLength(128);
        builder.Property(b => b.Scope).HasMaxLength(256);
        builder.HasIndex(b => new { b.OrganizationId, b.UserId, b.Scope, b.Label });
        builder.HasOne<Organization>().WithMany().HasForeignKey(b => b.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(b => new { b.OrganizationId, b.UserId }).OnDelete(DeleteBehavior.Cascade);
    }
}
