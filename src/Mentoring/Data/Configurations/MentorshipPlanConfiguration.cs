using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Mentoring.Data.Configurations;

internal sealed class MentorshipPlanConfiguration : IEntityTypeConfiguration<MentorshipPlan>
{
    public void Configure(EntityTypeBuilder<MentorshipPlan> builder)
    {
        builder.Property(p => p.Cadence).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Day).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Time).HasConversion(t => t.ToTimeOnly(), t => LocalTime.FromTimeOnly(t));
        builder.Property(p => p.TimeZone).HasMaxLength(64);
        builder.Property(p => p.Channels).HasConversion(new JsonColumnConverter<List<string>>(), new JsonColumnComparer<List<string>>());
        builder.Property(p => p.Norms).HasMaxLength(4000);
        builder.Property(p => p.Confidentiality).HasMaxLength(4000);
        builder.HasOne<Mentorship>().WithMany().HasForeignKey(p => p.MentorshipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<GroupActivity>().WithMany().HasForeignKey(p => p.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.GroupId, p.Version }).IsUnique();
        // A pair's or a group's, never both nor neither.
        builder.ToTable(t => t.HasCheckConstraint("CK_MentorshipPlans_OneSpace", "(\"MentorshipId\" IS NULL) <> (\"GroupId\" IS NULL)"));
        builder.HasMany(p => p.Confirmations).WithOne().HasForeignKey(c => c.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.MentorshipId, p.Version }).IsUnique();
    }
}
