using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mirix.Core.Domain;

namespace Mirix.Core.Storage.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.ConfigureEntity();
        // User ids are the caller's own names ("alice"), so they are unique per organization, not globally.
        builder.HasKey(u => new { u.OrganizationId, u.Id });
        builder.Property(u => u.OrganizationId).HasMaxLength(128);
        builder.Property(u => u.Name).HasMaxLength(256);
        builder.Property(u => u.Status).HasMaxLength(32);
        builder.Property(u => u.Timezone).HasMaxLength(128);
        builder.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
