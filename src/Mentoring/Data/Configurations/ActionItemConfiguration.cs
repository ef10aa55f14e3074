using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> builder)
    {
        builder.Property(a => a.Text).HasMaxLength(1000);
        builder.HasOne<Mentorship>().WithMany().HasForeignKey(a => a.MentorshipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<GroupActivity>().WithMany().HasForeignKey(a => a.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.GroupId);
        // A pair's or a group's, never both nor neither.
        builder.ToTable(t => t.HasCheckConstraint("CK_ActionItems_OneSpace", "(\"MentorshipId\" IS NULL) <> (\"GroupId\" IS NULL)"));
        builder.HasOne<Goal>().WithMany().HasForeignKey(a => a.GoalId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<ScheduledSession>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.MentorshipId);
    }
}
