using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.Property(p => p.ExternalId).HasMaxLength(64);
        builder.HasIndex(p => p.ExternalId).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.HasIndex(p => p.Name);
        builder.Property(p => p.Email).HasMaxLength(320);
        builder.HasIndex(p => p.Email);
        builder.Property(p => p.Department).HasMaxLength(200);
        builder.HasIndex(p => p.Department);
        builder.Property(p => p.JobTitle).HasMaxLength(200);
        builder.Property(p => p.TimeZone).HasMaxLength(64);
        builder.Property(p => p.SearchText).HasMaxLength(1200);
        builder.Property(p => p.Attributes)
            .HasConversion(new StringDictionaryConverter(), new StringDictionaryComparer());
        builder.HasOne(p => p.Office).WithMany().HasForeignKey(p => p.OfficeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(p => p.Manager).WithMany().HasForeignKey(p => p.ManagerId).OnDelete(DeleteBehavior.SetNull);
        builder.Ignore(p => p.EffectiveTimeZone);
        builder.Ignore(p => p.IsJunior);
        builder.Property(p => p.CalendarToken).HasMaxLength(64);
        builder.HasIndex(p => p.CalendarToken).IsUnique();
        // The dashboard's counts of active people per level and per office read these indexes, not the
        // people's rows. Active is not first: SQLite would then pick them for every "active" filter.
        builder.HasIndex(p => new { p.Level, p.Active, p.OfficeId });
        builder.HasIndex(p => new { p.OfficeId, p.Active });
    }
}
