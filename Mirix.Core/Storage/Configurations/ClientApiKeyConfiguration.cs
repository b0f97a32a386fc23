using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mirix.Core.Domain;

namespace Mirix.Core.Storage.Configurations;

internal sealed class ClientApiKeyConfiguration : IEntityTypeConfiguration<ClientApiKey>
{
    public void Configure(EntityTypeBuilder<ClientApiKey> builder)
    {
        builder.ToTable("client_api_keys");
        builder.ConfigureEntity();
        builder.Property(k => k.ClientId).HasMaxLength(128);
        builder.Property(k => k.OrganizationId).HasMaxLength(128);
        builder.Property(k => k.ApiKeyHash).HasMaxLength(64);
        builder.Property(k => k.Status).HasMaxLength(16);
        builder.Property(k => k.Permission).HasMaxLength(16);
        builder.Property(k => k.UserId).HasMaxLength(128);
        builder.HasIndex(k => k.ApiKeyHash).IsUnique();
        builder.HasIndex(k => k.ClientId);
        builder.HasOne<Client>().WithMany().HasForeignKey(k => k.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
