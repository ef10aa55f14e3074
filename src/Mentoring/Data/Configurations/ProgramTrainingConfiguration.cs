using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class ProgramTrainingConfiguration : IEntityTypeConfiguration<ProgramTraining>
{
    public void Configure(EntityTypeBuilder<ProgramTraining> builder)
    {
        builder.HasOne(t => t.Program).WithMany().HasForeignKey(t => t.ProgramId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(t => t.Course).WithMany().HasForeignKey(t => t.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.ProgramId, t.CourseId }).IsUnique();
    }
}
