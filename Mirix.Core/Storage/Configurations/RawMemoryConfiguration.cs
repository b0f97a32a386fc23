using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mirix.Core.Domain;

namespace Mirix.Core.Storage.Configurations;

internal sealed class RawMemoryConfiguration : IEntityTypeConfiguration<RawMemory>
{
    public void Configure(EntityTypeBuilder<RawMemory> builder)
    {
        builder.ConfigureMemoryItem("raw_memory");
        // The TTL job deletes by updated_at; search_raw sorts by it.
        builder.HasIndex(r => new { r.OrganizationId, r.UpdatedAt });
    }
}
