using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class StandupDigestConfiguration : IEntityTypeConfiguration<StandupDigest>
{
    public void Configure(EntityTypeBuilder<StandupDigest> builder)
    {
        builder.Property(d => d.Recipient).HasMaxLength(500);
        // One digest per host and day, whoever writes it: the job's guard across restarts.
        builder.HasIndex(d => new { d.Recipient, d.Day }).IsUnique();
        builder.HasOne(d => d.Notification).WithMany().HasForeignKey(d => d.NotificationId).OnDelete(DeleteBehavior.Cascade);
    }
}
