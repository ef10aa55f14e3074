using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class DiscussionAnswerConfiguration : IEntityTypeConfiguration<DiscussionAnswer>
{
    public void Configure(EntityTypeBuilder<DiscussionAnswer> builder)
    {
        builder.Property(a => a.Text).HasMaxLength(4000);
        builder.Property(a => a.Visibility).HasConversion<string>().HasMaxLength(16);
        builder.HasOne(a => a.Question).WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Person).WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.QuestionId, a.PersonId }).IsUnique();
    }
}
