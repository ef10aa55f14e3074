using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> builder)
    {
        builder.Property(s => s.Title).HasMaxLength(200);
        builder.Property(s => s.Template).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.AutoStage).HasConversion<string>().HasMaxLength(16);
        builder.HasOne(s => s.Program).WithMany().HasForeignKey(s => s.ProgramId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Questions).WithOne().HasForeignKey(q => q.SurveyId).OnDelete(DeleteBehavior.Cascade);
        // One automatic survey per program and stage, however many instances look (NULLs, the surveys made by hand, never clash).
        builder.HasIndex(s => new { s.ProgramId, s.AutoStage }).IsUnique();
    }
}
