using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class BackgroundJobConfiguration : IEntityTypeConfiguration<BackgroundJob>
{
    public void Configure(EntityTypeBuilder<BackgroundJob> builder)
    {
        builder.ToTable("Jobs");
        builder.Property(j => j.Kind).HasMaxLength(64);
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(j => j.Progress).HasMaxLength(500);
        builder.Property(j => j.ResultUrl).HasMaxLength(500);
        builder.Property(j => j.Error).HasMaxLength(2000);
        builder.Property(j => j.ErrorField).HasMaxLength(100);
        builder.Property(j => j.StartedBy).HasMaxLength(320);
        builder.Property(j => j.Owner).HasMaxLength(200);
        // The runner looks for the oldest queued job, and for running ones whose claim has lapsed.
        builder.HasIndex(j => new { j.Status, j.CreatedAt });
    }
}
