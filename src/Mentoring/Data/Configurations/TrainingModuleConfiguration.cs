using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class TrainingModuleConfiguration : IEntityTypeConfiguration<TrainingModule>
{
    public void Configure(EntityTypeBuilder<TrainingModule> builder)
    {
        builder.Property(m => m.Title).HasMaxLength(200);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Body).HasMaxLength(40000);
        builder.Property(m => m.VideoUrl).HasMaxLength(2000);
        builder.HasOne(m => m.Video).WithOne().HasForeignKey<TrainingVideo>(v => v.ModuleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Questions).WithOne().HasForeignKey(q => q.ModuleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.CourseId, m.Order });
    }
}
