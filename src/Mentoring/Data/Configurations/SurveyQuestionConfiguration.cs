using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class SurveyQuestionConfiguration : IEntityTypeConfiguration<SurveyQuestion>
{
    public void Configure(EntityTypeBuilder<SurveyQuestion> builder)
    {
        builder.Property(q => q.Key).HasMaxLength(64);
        builder.Property(q => q.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(q => q.Text).HasMaxLength(1000);
        builder.Ignore(q => q.Range);
    }
}
