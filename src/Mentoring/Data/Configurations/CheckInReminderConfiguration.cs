using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class CheckInReminderConfiguration : IEntityTypeConfiguration<CheckInReminder>
{
    public void Configure(EntityTypeBuilder<CheckInReminder> builder)
    {
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Mentorship>().WithMany().HasForeignKey(r => r.MentorshipId).OnDelete(DeleteBehavior.Cascade);
        // The guard against a second nudge for the same period, whoever sends it.
        builder.HasIndex(r => new { r.MentorshipId, r.PersonId, r.DueOn, r.Kind }).IsUnique();
    }
}
