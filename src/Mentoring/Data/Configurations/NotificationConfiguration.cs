using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.Channel).HasMaxLength(16);
        builder.Property(n => n.Recipient).HasMaxLength(500);
        builder.Property(n => n.Subject).HasMaxLength(500);
        builder.Property(n => n.LastError).HasMaxLength(2000);
        builder.HasIndex(n => n.SentAt);
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Category).HasMaxLength(32);
        builder.Property(n => n.TemplateKey).HasMaxLength(64);
        builder.Property(n => n.LeaseOwner).HasMaxLength(200);
        builder.Property(n => n.DedupKey).HasMaxLength(200);
        builder.HasIndex(n => n.DedupKey).IsUnique();
        builder.HasIndex(n => new { n.Status, n.NextAttemptAt });
        builder.HasIndex(n => n.PersonId);
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        var minutes = new Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<NodaTime.LocalTime, int>(
            t => (t.Hour * 60) + t.Minute, m => new NodaTime.LocalTime(m / 60, m % 60));
        builder.Property(p => p.QuietStart).HasConversion(minutes);
        builder.Property(p => p.QuietEnd).HasConversion(minutes);
        builder.Property(p => p.Digest).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(p => p.PersonId).IsUnique();
        builder.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProgramNotificationSettingsConfiguration : IEntityTypeConfiguration<ProgramNotificationSettings>
{
    public void Configure(EntityTypeBuilder<ProgramNotificationSettings> builder)
    {
        builder.Property(s => s.SlackWebhookUrl).HasMaxLength(1000);
        builder.Property(s => s.TeamsWebhookUrl).HasMaxLength(2000);
        builder.Property(s => s.SlackChannel).HasMaxLength(200);
        builder.HasIndex(s => s.ProgramId).IsUnique();
        builder.HasOne<MentoringProgram>().WithMany().HasForeignKey(s => s.ProgramId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> builder)
    {
        builder.Property(t => t.Language).HasMaxLength(16);
        builder.Property(t => t.Key).HasMaxLength(64);
        builder.Property(t => t.Subject).HasMaxLength(1000);
        builder.HasIndex(t => new { t.ProgramId, t.Language, t.Key }).IsUnique();
    }
}
