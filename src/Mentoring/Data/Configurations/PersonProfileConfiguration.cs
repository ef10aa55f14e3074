using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Mentoring.Data.Configurations;

/// <summary>The profile fields of a person (Features/Profiles), kept apart from the roster's own mapping.</summary>
internal sealed class PersonProfileConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        // A time of day as minutes after midnight: one plain integer column on both databases.
        var minutes = new ValueConverter<LocalTime, int>(t => (t.Hour * 60) + t.Minute, m => new LocalTime(m / 60, m % 60));
        builder.Property(p => p.WorkdayStart).HasConversion(minutes);
        builder.Property(p => p.WorkdayEnd).HasConversion(minutes);
    }
}
