using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mirix.Core.Domain;

namespace Mirix.Core.Storage.Configurations;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.ToTable("clients");
        builder.ConfigureEntity();
        builder.Property(c => c.OrganizationId).HasMaxLength(128);
        builder.Property(c => c.Name).HasMaxLength(256);
        builder.Property(c => c.Status).HasMaxLength(32);
        builder.Property(c => c.WriteScope).HasMaxLength(256);
        builder.Property(c => c.Email).HasMaxLength(320);
        builder.HasIndex(c => c.Email).IsUnique();
        builder.HasIndex(c => c.OrganizationId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
