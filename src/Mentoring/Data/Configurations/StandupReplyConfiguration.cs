using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class StandupReplyConfiguration : IEntityTypeConfiguration<StandupReply>
{
    public void Configure(EntityTypeBuilder<StandupReply> builder)
    {
        builder.Property(r => r.Text).HasMaxLength(CohortLimits.Reply);
        builder.HasOne(r => r.Author).WithMany().HasForeignKey(r => r.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }
}
