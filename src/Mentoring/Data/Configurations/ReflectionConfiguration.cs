using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class ReflectionConfiguration : IEntityTypeConfiguration<Reflection>
{
    public void Configure(EntityTypeBuilder<Reflection> builder)
    {
        builder.Property(r => r.Text).HasMaxLength(8000);
        builder.Property(r => r.Stage).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Visibility).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Mentorship>().WithMany().HasForeignKey(r => r.MentorshipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<GroupActivity>().WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.GroupId);
        // A pair's or a group's, never both nor neither.
        builder.ToTable(t => t.HasCheckConstraint("CK_Reflections_OneSpace", "(\"MentorshipId\" IS NULL) <> (\"GroupId\" IS NULL)"));
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.MentorshipId);
    }
}
