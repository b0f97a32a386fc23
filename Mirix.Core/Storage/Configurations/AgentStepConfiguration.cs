using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mirix.Core.Domain;

namespace Mirix.Core.Storage.Configurations;

internal sealed class AgentStepConfiguration : IEntityTypeConfiguration<AgentStep>
{
    public void Configure(EntityTypeBuilder<AgentStep> builder)
    {
        builder.ToTable("steps");
        builder.ConfigureEntity();
        builder.Property(s => s.OrganizationId).HasMaxLength(128);
        builder.Property(s => s.AgentId).HasMaxLength(128);
        builder.HasIndex(s => s.AgentId);
    }
}
