using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class RouletteRoundConfiguration : IEntityTypeConfiguration<RouletteRound>
{
    public void Configure(EntityTypeBuilder<RouletteRound> builder)
    {
        builder.HasOne<MentoringProgram>().WithMany().HasForeignKey(r => r.ProgramId).OnDelete(DeleteBehavior.Cascade);
        // One round per program and period: a restart or a second instance never draws a period twice.
        builder.HasIndex(r => new { r.ProgramId, r.PeriodStart }).IsUnique();
        builder.HasMany(r => r.Pairings).WithOne().HasForeignKey(p => p.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

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

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.Channel).HasMaxLength(16);
        builder.Property(n => n.Recipient).HasMaxLength(500);
        builder.Property(n => n.Subject).HasMaxLength(500);
        builder.Property(n => n.LastError).HasMaxLength(2000);
        builder.HasIndex(n => n.SentAt);
    }
}
