using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class GroupActivityConfiguration : IEntityTypeConfiguration<GroupActivity>
{
    public void Configure(EntityTypeBuilder<GroupActivity> builder)
    {
        builder.Property(g => g.Kind).HasMaxLength(32);
        builder.Property(g => g.Title).HasMaxLength(200);
        builder.Property(g => g.StartTime).HasConversion(t => t.ToTimeOnly(), t => LocalTimeFrom(t));
        builder.HasOne<MentoringProgram>().WithMany().HasForeignKey(g => g.ProgramId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(g => g.Host).WithMany().HasForeignKey(g => g.HostId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(g => g.Room).WithMany().HasForeignKey(g => g.RoomId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.ActivityId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(g => g.IsCoworking);
    }

    private static NodaTime.LocalTime LocalTimeFrom(TimeOnly time) => NodaTime.LocalTime.FromTimeOnly(time);
}
