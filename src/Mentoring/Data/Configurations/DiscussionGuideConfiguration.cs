using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class DiscussionGuideConfiguration : IEntityTypeConfiguration<DiscussionGuide>
{
    public void Configure(EntityTypeBuilder<DiscussionGuide> builder)
    {
        builder.Property(g => g.Title).HasMaxLength(200);
        builder.Property(g => g.Summary).HasMaxLength(500);
        builder.Property(g => g.Prompts).HasMaxLength(4000);
        builder.Property(g => g.Stage).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(g => g.Title).IsUnique();
    }
}
