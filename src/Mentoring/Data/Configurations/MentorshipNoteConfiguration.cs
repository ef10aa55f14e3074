using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class MentorshipNoteConfiguration : IEntityTypeConfiguration<MentorshipNote>
{
    public void Configure(EntityTypeBuilder<MentorshipNote> builder)
    {
        builder.Property(n => n.Text).HasMaxLength(8000);
        builder.Property(n => n.Visibility).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Mentorship>().WithMany().HasForeignKey(n => n.MentorshipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<GroupActivity>().WithMany().HasForeignKey(n => n.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => n.GroupId);
        // A pair's or a group's, never both nor neither.
        builder.ToTable(t => t.HasCheckConstraint("CK_MentorshipNotes_OneSpace", "(\"MentorshipId\" IS NULL) <> (\"GroupId\" IS NULL)"));
        builder.HasOne<ScheduledSession>().WithMany().HasForeignKey(n => n.SessionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Person>().WithMany().HasForeignKey(n => n.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(n => n.MentorshipId);
    }
}
