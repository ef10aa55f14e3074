using Mentoring.Domain;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Data;

/// <summary>
/// The product's database. One model for both stores; <see cref="SqliteMentoringDbContext"/> and
/// <see cref="PostgresMentoringDbContext"/> only exist so that each provider keeps its own migrations.
/// </summary>
public abstract class MentoringDbContext(DbContextOptions options) : IdentityDbContext<UserAccount>(options)
{
    public DbSet<Person> People => Set<Person>();

    public DbSet<Office> Offices => Set<Office>();

    public DbSet<Room> Rooms => Set<Room>();

    public DbSet<MentoringProgram> Programs => Set<MentoringProgram>();

    public DbSet<Enrollment> Enrollments => Set<Enrollment>();

    public DbSet<ApplicationForm> ApplicationForms => Set<ApplicationForm>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<Mentorship> Mentorships => Set<Mentorship>();

    public DbSet<MatchRun> MatchRuns => Set<MatchRun>();

    public DbSet<MatchProposal> MatchProposals => Set<MatchProposal>();

    public DbSet<MentorRequest> MentorRequests => Set<MentorRequest>();

    public DbSet<RouletteRound> RouletteRounds => Set<RouletteRound>();

    public DbSet<RoulettePairing> RoulettePairings => Set<RoulettePairing>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<GroupActivity> GroupActivities => Set<GroupActivity>();

    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();

    public DbSet<ScheduledSession> Sessions => Set<ScheduledSession>();

    public DbSet<SessionAttendee> SessionAttendees => Set<SessionAttendee>();

    public DbSet<PresenceDay> PresenceDays => Set<PresenceDay>();

    public DbSet<BackgroundJob> Jobs => Set<BackgroundJob>();

    public DbSet<Survey> Surveys => Set<Survey>();

    public DbSet<SurveyQuestion> SurveyQuestions => Set<SurveyQuestion>();

    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();

    public DbSet<SurveyAnswer> SurveyAnswers => Set<SurveyAnswer>();

    public DbSet<SurveyDelivery> SurveyDeliveries => Set<SurveyDelivery>();

    public DbSet<ProgramTransition> ProgramTransitions => Set<ProgramTransition>();

    public DbSet<SuccessCriterion> SuccessCriteria => Set<SuccessCriterion>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MentoringDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // NodaTime types are stored through plain columns that both providers understand:
        // a date for LocalDate, a UTC timestamp for Instant.
        configurationBuilder.Properties<LocalDate>().HaveConversion<LocalDateConverter>();
        configurationBuilder.Properties<Instant>().HaveConversion<InstantConverter>();
    }
}

/// <summary>The SQLite store (the embedded default), with its own migrations.</summary>
public sealed class SqliteMentoringDbContext(DbContextOptions<SqliteMentoringDbContext> options) : MentoringDbContext(options);

/// <summary>The PostgreSQL store (production), with its own migrations.</summary>
public sealed class PostgresMentoringDbContext(DbContextOptions<PostgresMentoringDbContext> options) : MentoringDbContext(options);
