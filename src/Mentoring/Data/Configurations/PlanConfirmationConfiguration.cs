using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class PlanConfirmationConfiguration : IEntityTypeConfiguration<PlanConfirmation>
{
    public void Configure(EntityTypeBuilder<PlanConfirmation> builder)
    {
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.PlanId, c.PersonId }).IsUnique();
    }
}
