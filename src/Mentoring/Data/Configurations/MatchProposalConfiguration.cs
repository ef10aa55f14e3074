using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

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
