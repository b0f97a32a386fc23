using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mirix.Core.Domain;

namespace Mirix.Core.Storage.Configurations;

/// <summary>The columns and filters every <see cref="Entity"/> shares.</summary>
internal static class EntityConfiguration
{
    public static void ConfigureEntity<T>(this EntityTypeBuilder<T> builder) where T : Entity
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(128);
        builder.Property(e => e.CreatedById).HasMaxLength(128);
        builder.Property(e => e.LastUpdatedById).HasMaxLength(128);
        builder.HasQueryFilter(e => !e.IsDeleted);
    }
}
