using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mirix.Core.Domain;

namespace Mirix.Core.Storage.Configurations;

internal sealed class ProceduralItemConfiguration : IEntityTypeConfiguration<ProceduralItem>
{
    public void Configure(EntityTypeBuilder<ProceduralItem> builder)
    {
        builder.ConfigureMemoryItem("procedural_memory");
        builder.Property(p => p.EntryType).HasMaxLength(64);
    }
}
