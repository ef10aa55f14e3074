using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class RouletteRoundConfiguration : IEntityTypeConfiguration<RouletteRound>
{
    public void Configure(EntityTypeBuilder<RouletteRound> builder)
    {
        builder.HasOne<MentoringProgram>().WithMany().HasForeignKey(r => r.ProgramId).OnDelete(DeleteBehavior.Cascade);
        // One round per program and period: a restart or a second instance never draws a period twice.
        builder.HasIndex(r => new { r.ProgramId, r.PeriodStart }).IsUnique();
        builder.HasMany(r => r.Pairings).WithOne().HasForeignKey(p => p.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}
