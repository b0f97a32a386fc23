using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mirix.Core.Domain;

namespace Mirix.Core.Storage.Configurations;

internal sealed class EpisodicEventConfiguration : IEntityTypeConfiguration<EpisodicEvent>
{
    public void Configure(EntityTypeBuilder<EpisodicEvent> builder)
    {
        builder.ConfigureMemoryItem("episodic_memory");
        builder.Property(e => e.Actor).HasMaxLength(64);
        builder.Property(e => e.EventType).HasMaxLength(128);
        builder.HasIndex(e => new { e.OrganizationId, e.UserId, e.OccurredAt });
    }
}
