using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class GoalConfiguration : IEntityTypeConfiguration<Goal>
{
    public void Configure(EntityTypeBuilder<Goal> builder)
    {
        builder.Property(g => g.Title).HasMaxLength(300);
        builder.Property(g => g.Why).HasMaxLength(2000);
        builder.Property(g => g.Measure).HasMaxLength(2000);
        builder.Property(g => g.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Mentorship>().WithMany().HasForeignKey(g => g.MentorshipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(g => g.Milestones).WithOne().HasForeignKey(m => m.GoalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(g => g.MentorshipId);
        builder.Ignore(g => g.ShownProgress);
    }
}
