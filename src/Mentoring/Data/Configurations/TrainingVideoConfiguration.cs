using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class TrainingVideoConfiguration : IEntityTypeConfiguration<TrainingVideo>
{
    public void Configure(EntityTypeBuilder<TrainingVideo> builder)
    {
        builder.Property(v => v.FileName).HasMaxLength(200);
        builder.Property(v => v.ContentType).HasMaxLength(64);
        builder.HasIndex(v => v.ModuleId).IsUnique();
    }
}
