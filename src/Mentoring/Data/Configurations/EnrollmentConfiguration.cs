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
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(32).HasDefaultValue(EnrollmentStatus.Active).HasSentinel((EnrollmentStatus)(-1));
        builder.Property(e => e.WithdrawnBy).HasMaxLength(320);
        builder.Property(e => e.Answers).HasConversion(new JsonColumnConverter<List<ApplicationAnswer>>(), new JsonColumnComparer<List<ApplicationAnswer>>())
            .HasDefaultValue(new List<ApplicationAnswer>());
        builder.HasOne(e => e.Person).WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Cascade);
        // A person has one row per program, whatever its status: withdrawing and applying again reuse it.
        builder.HasIndex(e => new { e.ProgramId, e.PersonId }).IsUnique();
        builder.HasIndex(e => new { e.ProgramId, e.Status });
        // Everything that counts enrolled people counts active ones only; applications and history
        // are read on purpose, with IgnoreQueryFilters([ActiveOnly]).
        builder.HasQueryFilter(EnrollmentFilter.ActiveOnly, e => e.Status == EnrollmentStatus.Active);
    }
}
