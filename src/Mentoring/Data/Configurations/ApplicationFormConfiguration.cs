using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentoring.Data.Configurations;

internal sealed class ApplicationFormConfiguration : IEntityTypeConfiguration<ApplicationForm>
{
    public void Configure(EntityTypeBuilder<ApplicationForm> builder)
    {
        builder.Property(f => f.Approval).HasConversion<string>().HasMaxLength(32);
        builder.Property(f => f.TimeZone).HasMaxLength(64);
        builder.Property(f => f.Intro).HasMaxLength(4000);
        builder.Property(f => f.Questions).HasConversion(new JsonColumnConverter<List<ApplicationQuestion>>(), new JsonColumnComparer<List<ApplicationQuestion>>());
        builder.HasOne(f => f.Program).WithMany().HasForeignKey(f => f.ProgramId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.ProgramId).IsUnique();
    }
}
