using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class FitAnswerConfiguration : IEntityTypeConfiguration<FitAnswer>
{
    public void Configure(EntityTypeBuilder<FitAnswer> builder)
    {
        builder.Property(f => f.Answer).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Comment).HasMaxLength(2000);
        builder.HasOne<Mentorship>().WithMany().HasForeignKey(f => f.MentorshipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => f.MentorshipId);
    }
}
