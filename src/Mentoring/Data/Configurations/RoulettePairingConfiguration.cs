using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class RoulettePairingConfiguration : IEntityTypeConfiguration<RoulettePairing>
{
    public void Configure(EntityTypeBuilder<RoulettePairing> builder)
    {
        builder.Property(p => p.Starter).HasMaxLength(500);
        builder.Property(p => p.VideoLink).HasMaxLength(500);
        builder.Property(p => p.Introduction).HasMaxLength(4000);
        builder.HasOne(p => p.PersonA).WithMany().HasForeignKey(p => p.PersonAId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.PersonB).WithMany().HasForeignKey(p => p.PersonBId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.PersonC).WithMany().HasForeignKey(p => p.PersonCId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.PersonAId);
        builder.HasIndex(p => p.PersonBId);
        builder.Ignore(p => p.Members);
        builder.Ignore(p => p.Met);
        builder.Ignore(p => p.Answered);
    }
}
