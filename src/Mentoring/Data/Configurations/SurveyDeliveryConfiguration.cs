using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class SurveyDeliveryConfiguration : IEntityTypeConfiguration<SurveyDelivery>
{
    public void Configure(EntityTypeBuilder<SurveyDelivery> builder)
    {
        builder.HasOne(d => d.Survey).WithMany().HasForeignKey(d => d.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Cascade);
        // The guard of "once per person": a second send, a restart or another instance cannot insert it again.
        builder.HasIndex(d => new { d.SurveyId, d.PersonId }).IsUnique();
    }
}
