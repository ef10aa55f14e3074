using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class ProgramTransitionConfiguration : IEntityTypeConfiguration<ProgramTransition>
{
    public void Configure(EntityTypeBuilder<ProgramTransition> builder)
    {
        builder.Property(t => t.From).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.To).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.By).HasMaxLength(320);
        builder.Property(t => t.ScopeKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.ScopeValue).HasMaxLength(200);
        builder.HasIndex(t => new { t.ProgramId, t.At });
    }
}
