using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class SuccessCriterionConfiguration : IEntityTypeConfiguration<SuccessCriterion>
{
    public void Configure(EntityTypeBuilder<SuccessCriterion> builder)
    {
        builder.ToTable("SuccessCriteria");
        builder.Property(c => c.Text).HasMaxLength(500);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(32);
    }
}
