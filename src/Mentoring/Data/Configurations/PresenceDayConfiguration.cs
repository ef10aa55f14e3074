using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class PresenceDayConfiguration : IEntityTypeConfiguration<PresenceDay>
{
    public void Configure(EntityTypeBuilder<PresenceDay> builder)
    {
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.PersonId, d.Date }).IsUnique();
    }
}
