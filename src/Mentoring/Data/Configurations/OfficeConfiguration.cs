using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class OfficeConfiguration : IEntityTypeConfiguration<Office>
{
    public void Configure(EntityTypeBuilder<Office> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.HasIndex(o => o.Name).IsUnique();
        builder.Property(o => o.TimeZone).HasMaxLength(64);
        builder.HasMany(o => o.Rooms).WithOne().HasForeignKey(r => r.OfficeId).OnDelete(DeleteBehavior.Cascade);
    }
}
