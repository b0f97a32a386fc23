using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mirix.Core.Domain;

namespace Mirix.Core.Storage.Configurations;

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.ToTable("messages");
        builder.ConfigureEntity();
        builder.Property(m => m.OrganizationId).HasMaxLength(128);
        builder.Property(m => m.AgentId).HasMaxLength(128);
        builder.Property(m => m.UserId).HasMaxLength(128);
        builder.Property(m => m.ClientId).HasMaxLength(128);
        builder.Property(m => m.Role).HasMaxLength(16);
        builder.Property(m => m.OperationId).HasMaxLength(128);
        builder.HasIndex(m => new { m.AgentId, m.CreatedAt });
        builder.HasIndex(m => new { m.ClientId, m.UserId });
        builder.HasIndex(m => m.OperationId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
