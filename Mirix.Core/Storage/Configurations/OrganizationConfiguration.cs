using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mirix.Core.Domain;

namespace Mirix.Core.Storage.Configurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("organizations");
        builder.ConfigureEntity();
        builder.Property(o => o.Name).HasMaxLength(256);
    }
}
