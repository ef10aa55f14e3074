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
    }
}
