using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class SessionAttendeeConfiguration : IEntityTypeConfiguration<SessionAttendee>
{
    public void Configure(EntityTypeBuilder<SessionAttendee> builder)
    {
        builder.Property(a => a.Response).HasConversion<string>().HasMaxLength(16);
        builder.HasOne(a => a.Person).WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.SessionId, a.PersonId }).IsUnique();
        builder.HasIndex(a => a.PersonId);
        // The program report's reads of a session's attendees (who answered what) from the index alone.
        builder.HasIndex(a => new { a.SessionId, a.Response, a.PersonId });
    }
}
