using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class SelfAssessmentConfiguration : IEntityTypeConfiguration<SelfAssessment>
{
    public void Configure(EntityTypeBuilder<SelfAssessment> builder)
    {
        builder.Property(a => a.Stage).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Scores).HasConversion(new JsonColumnConverter<Dictionary<string, int>>(), new JsonColumnComparer<Dictionary<string, int>>());
        builder.HasOne<MentoringProgram>().WithMany().HasForeignKey(a => a.ProgramId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.ProgramId, a.PersonId, a.Stage }).IsUnique();
    }
}
