using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class MentorRequestConfiguration : IEntityTypeConfiguration<MentorRequest>
{
    public void Configure(EntityTypeBuilder<MentorRequest> builder)
    {
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Message).HasMaxLength(2000);
        builder.Property(r => r.Response).HasMaxLength(2000);
        builder.HasOne<MentoringProgram>().WithMany().HasForeignKey(r => r.ProgramId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Mentee).WithMany().HasForeignKey(r => r.MenteeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Mentor).WithMany().HasForeignKey(r => r.MentorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.ProgramId, r.MentorId, r.Status });
    }
}
