using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class DiscussionQuestionConfiguration : IEntityTypeConfiguration<DiscussionQuestion>
{
    public void Configure(EntityTypeBuilder<DiscussionQuestion> builder)
    {
        builder.Property(q => q.Text).HasMaxLength(1000);
    }
}
