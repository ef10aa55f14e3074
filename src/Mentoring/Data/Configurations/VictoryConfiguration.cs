using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class VictoryConfiguration : IEntityTypeConfiguration<Victory>
{
    public void Configure(EntityTypeBuilder<Victory> builder)
    {
        builder.Property(v => v.Text).HasMaxLength(CohortLimits.Victory);
        builder.Property(v => v.Visibility).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<MentoringProgram>().WithMany().HasForeignKey(v => v.ProgramId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<GroupActivity>().WithMany().HasForeignKey(v => v.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(v => v.Author).WithMany().HasForeignKey(v => v.AuthorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.Shares).WithOne().HasForeignKey(s => s.VictoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.ProgramId, v.GroupId });
    }
}
