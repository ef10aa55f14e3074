using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class VictoryShareConfiguration : IEntityTypeConfiguration<VictoryShare>
{
    public void Configure(EntityTypeBuilder<VictoryShare> builder)
    {
        builder.HasOne(s => s.Person).WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.VictoryId, s.PersonId }).IsUnique();
        builder.HasIndex(s => s.PersonId);
    }
}
