using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class ScheduledSessionConfiguration : IEntityTypeConfiguration<ScheduledSession>
{
    public void Configure(EntityTypeBuilder<ScheduledSession> builder)
    {
        builder.Property(s => s.Kind).HasMaxLength(32);
        builder.Property(s => s.Title).HasMaxLength(300);
        builder.Property(s => s.TimeZone).HasMaxLength(64);
        builder.Property(s => s.Location).HasMaxLength(300);
        builder.Property(s => s.Agenda).HasMaxLength(4000);
        builder.Property(s => s.SharedNotes).HasMaxLength(8000);
        builder.Property(s => s.Uid).HasMaxLength(100);
        builder.HasIndex(s => s.Uid).IsUnique();
        builder.Property(s => s.Slot).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<MentoringProgram>().WithMany().HasForeignKey(s => s.ProgramId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.Host).WithMany().HasForeignKey(s => s.HostId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Room).WithMany().HasForeignKey(s => s.RoomId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(s => s.Attendees).WithOne().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.ProgramId, s.Date });
        builder.HasIndex(s => s.HostId);
        builder.Ignore(s => s.InPerson);
    }
}
