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
        builder.HasOne<GroupActivity>().WithMany().HasForeignKey(g => g.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(g => g.GroupId);
        // A pair's or a group's, never both nor neither.
        builder.ToTable(t => t.HasCheckConstraint("CK_Goals_OneSpace", "(\"MentorshipId\" IS NULL) <> (\"GroupId\" IS NULL)"));
        builder.HasMany(g => g.Milestones).WithOne().HasForeignKey(m => m.GoalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(g => g.MentorshipId);
        builder.Ignore(g => g.ShownProgress);
    }
}
