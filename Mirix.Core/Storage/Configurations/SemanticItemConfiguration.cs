using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mirix.Core.Domain;

namespace Mirix.Core.Storage.Configurations;

internal sealed class SemanticItemConfiguration : IEntityTypeConfiguration<SemanticItem>
{
    public void Configure(EntityTypeBuilder<SemanticItem> builder) => builder.ConfigureMemoryItem("semantic_memory");
}
