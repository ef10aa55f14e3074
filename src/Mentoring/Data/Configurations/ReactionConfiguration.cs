using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class ReactionConfiguration : IEntityTypeConfiguration<Reaction>
{
    public void Configure(EntityTypeBuilder<Reaction> builder)
    {
        builder.Property(r => r.Target).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        // One reaction per person and kind on each thing.
        builder.HasIndex(r => new { r.Target, r.TargetId, r.PersonId, r.Kind }).IsUnique();
    }
}
