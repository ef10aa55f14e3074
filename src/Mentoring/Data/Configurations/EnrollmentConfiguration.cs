using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> builder)
    {
        builder.Property(e => e.Role).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Mode).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Goals).HasMaxLength(4000);
        builder.Property(e => e.Cadence).HasConversion<string>().HasMaxLength(32);
        builder.HasOne(e => e.Person).WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Cascade);
        // A person has one role per program.
        builder.HasIndex(e => new { e.ProgramId, e.PersonId }).IsUnique();
    }
}
