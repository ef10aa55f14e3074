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
        builder.HasOne(m => m.Program).WithMany().HasForeignKey(m => m.ProgramId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Mentor).WithMany().HasForeignKey(m => m.MentorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.Mentee).WithMany().HasForeignKey(m => m.MenteeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.ProgramId, m.MenteeId });
        builder.HasIndex(m => m.MentorId);
    }
}

internal sealed class MatchRunConfiguration : IEntityTypeConfiguration<MatchRun>
{
    public void Configure(EntityTypeBuilder<MatchRun> builder)
    {
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.StartedBy).HasMaxLength(320);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.HasOne(r => r.Program).WithMany().HasForeignKey(r => r.ProgramId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Proposals).WithOne().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.ProgramId, r.Status });
    }
}

internal sealed class MatchProposalConfiguration : IEntityTypeConfiguration<MatchProposal>
{
    public void Configure(EntityTypeBuilder<MatchProposal> builder)
    {
        builder.Property(p => p.Reasons).HasConversion(new JsonColumnConverter<List<MatchReason>>(), new JsonColumnComparer<List<MatchReason>>());
        builder.Property(p => p.UnmatchedReason).HasMaxLength(500);
        builder.HasOne(p => p.Mentee).WithMany().HasForeignKey(p => p.MenteeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.Mentor).WithMany().HasForeignKey(p => p.MentorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.RunId, p.MenteeId }).IsUnique();
    }
}

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
