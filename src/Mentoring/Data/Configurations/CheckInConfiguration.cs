using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> builder)
    {
        builder.Property(c => c.Note).HasMaxLength(500);
        builder.HasOne<Mentorship>().WithMany().HasForeignKey(c => c.MentorshipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<GroupActivity>().WithMany().HasForeignKey(c => c.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.GroupId);
        // A pair's or a group's, never both nor neither.
        builder.ToTable(t => t.HasCheckConstraint("CK_CheckIns_OneSpace", "(\"MentorshipId\" IS NULL) <> (\"GroupId\" IS NULL)"));
        builder.HasOne<ScheduledSession>().WithMany().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.MentorshipId, c.On });
    }
}
