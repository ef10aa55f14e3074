using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class MentorshipConfiguration : IEntityTypeConfiguration<Mentorship>
{
    public void Configure(EntityTypeBuilder<Mentorship> builder)
    {
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(m => m.Reasons).HasConversion(new JsonColumnConverter<List<MatchReason>>(), new JsonColumnComparer<List<MatchReason>>());
        builder.Property(m => m.DeclineReason).HasMaxLength(2000);
        builder.Property(m => m.CloseReason).HasMaxLength(2000);
        builder.HasOne(m => m.Program).WithMany().HasForeignKey(m => m.ProgramId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Mentor).WithMany().HasForeignKey(m => m.MentorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.Mentee).WithMany().HasForeignKey(m => m.MenteeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.ProgramId, m.MenteeId });
        builder.HasIndex(m => m.MentorId);
    }
}
