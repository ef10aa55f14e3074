using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class ProgramConfiguration : IEntityTypeConfiguration<MentoringProgram>
{
    public void Configure(EntityTypeBuilder<MentoringProgram> builder)
    {
        builder.ToTable("Programs");
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Purpose).HasMaxLength(4000);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(32);
        builder.HasMany(p => p.Enrollments).WithOne(e => e.Program).HasForeignKey(e => e.ProgramId).OnDelete(DeleteBehavior.Cascade);
        builder.OwnsOne(p => p.Matching, matching =>
        {
            matching.ToJson();
            matching.Property(m => m.Mode).HasConversion<string>();
            matching.Property(m => m.PilotScope).HasConversion<string>();
        });
        builder.OwnsOne(p => p.Roulette, roulette =>
        {
            roulette.ToJson();
            roulette.Property(r => r.Cadence).HasConversion<string>();
            roulette.Property(r => r.DrawDay).HasConversion<string>();
            roulette.Property(r => r.MixBy).HasConversion<string>();
        });
        builder.OwnsOne(p => p.Health, health => health.ToJson());
        builder.Ignore(p => p.IsReverse);
        builder.Ignore(p => p.IsScoped);
        builder.Property(p => p.PilotScopeKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.PilotScopeValue).HasMaxLength(200);
        builder.Property(p => p.SurveyMinimumGroup).HasDefaultValue(MentoringProgram.DefaultSurveyMinimumGroup).HasSentinel(0);
        builder.Property(p => p.AutoSurveys).HasDefaultValue(true).HasSentinel(false);
        builder.HasOne(p => p.Sponsor).WithMany().HasForeignKey(p => p.SponsorId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(p => p.Criteria).WithOne().HasForeignKey(c => c.ProgramId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Transitions).WithOne().HasForeignKey(t => t.ProgramId).OnDelete(DeleteBehavior.Cascade);
    }
}
