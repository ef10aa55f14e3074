using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class StandupConfiguration : IEntityTypeConfiguration<Standup>
{
    public void Configure(EntityTypeBuilder<Standup> builder)
    {
        builder.Property(s => s.Did).HasMaxLength(CohortLimits.Did);
        builder.Property(s => s.Next).HasMaxLength(CohortLimits.Did);
        builder.Property(s => s.Stuck).HasMaxLength(CohortLimits.Did);
        builder.HasOne<MentoringProgram>().WithMany().HasForeignKey(s => s.ProgramId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<GroupActivity>().WithMany().HasForeignKey(s => s.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.Author).WithMany().HasForeignKey(s => s.AuthorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Replies).WithOne().HasForeignKey(r => r.StandupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.ProgramId, s.GroupId, s.On });
        builder.HasIndex(s => new { s.AuthorId, s.On });
    }
}
