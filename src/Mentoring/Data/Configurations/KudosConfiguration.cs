using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class KudosConfiguration : IEntityTypeConfiguration<Kudos>
{
    public void Configure(EntityTypeBuilder<Kudos> builder)
    {
        builder.ToTable("Kudos");
        builder.Property(k => k.Text).HasMaxLength(CohortLimits.Kudos);
        builder.HasOne<MentoringProgram>().WithMany().HasForeignKey(k => k.ProgramId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<GroupActivity>().WithMany().HasForeignKey(k => k.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(k => k.From).WithMany().HasForeignKey(k => k.FromId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(k => k.To).WithMany().HasForeignKey(k => k.ToId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(k => new { k.ProgramId, k.GroupId });
    }
}
