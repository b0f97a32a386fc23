using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mirix.Core.Domain;

namespace Mirix.Core.Storage.Configurations;

/// <summary>The columns, keys and indexes every memory table shares.</summary>
internal static class MemoryItemConfiguration
{
    public static void ConfigureMemoryItem<T>(this EntityTypeBuilder<T> builder, string table) where T : MemoryItem
    {
        builder.ToTable(table);
        builder.ConfigureEntity();
        builder.Property(m => m.OrganizationId).HasMaxLength(128);
        builder.Property(m => m.UserId).HasMaxLength(128);
        builder.Property(m => m.AgentId).HasMaxLength(128);
        builder.Property(m => m.ClientId).HasMaxLength(128);
        builder.Property(m => m.Scope).HasMaxLength(256);
        builder.Property(m => m.LastModifyOperation).HasMaxLength(64);
        builder.Property(m => m.SupersededById).HasMaxLength(128);
        // Every read is per organization and user, filtered by scope and usually ordered by recency.
        builder.HasIndex(m => new { m.OrganizationId, m.UserId, m.Scope });
        builder.HasIndex(m => new { m.OrganizationId, m.UserId, m.LastModifiedAt });
        builder.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(m => new { m.OrganizationId, m.UserId }).OnDelete(DeleteBehavior.Cascade);
    }
}
