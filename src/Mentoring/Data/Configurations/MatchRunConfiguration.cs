using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class MatchRunConfiguration : IEntityTypeConfiguration<MatchRun>
{
    public void Configure(EntityTypeBuilder<MatchRun> builder)
    {
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.StartedBy).HasMaxLength(320);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.HasOne(r => r.Program).WithMany().HasForeignKey(r => r.ProgramId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Proposals).WithOne().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.ProgramId, r.Status });
    }
}
