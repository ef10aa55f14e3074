using Mentoring.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Data;

/// <summary>
/// The product's database. One model for both stores; <see cref="SqliteMentoringDbContext"/> and
/// <see cref="PostgresMentoringDbContext"/> only exist so that each provider keeps its own migrations.
/// </summary>
public abstract class MentoringDbContext(DbContextOptions options) : IdentityDbContext<UserAccount>(options), IDataProtectionKeyContext
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

    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();

    public DbSet<ProgramNotificationSettings> ProgramNotificationSettings => Set<ProgramNotificationSettings>();

    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();

    public DbSet<GroupActivity> GroupActivities => Set<GroupActivity>();

    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();

    public DbSet<ScheduledSession> Sessions => Set<ScheduledSession>();

    public DbSet<SessionAttendee> SessionAttendees => Set<SessionAttendee>();

    public DbSet<PresenceDay> PresenceDays => Set<PresenceDay>();

    public DbSet<BackgroundJob> Jobs => Set<BackgroundJob>();

    public DbSet<MentorshipPlan> MentorshipPlans => Set<MentorshipPlan>();

    public DbSet<PlanConfirmation> PlanConfirmations => Set<PlanConfirmation>();

    public DbSet<Goal> Goals => Set<Goal>();

    public DbSet<Milestone> Milestones => Set<Milestone>();

    public DbSet<ActionItem> ActionItems => Set<ActionItem>();

    public DbSet<SessionRating> SessionRatings => Set<SessionRating>();

    public DbSet<MentorshipNote> MentorshipNotes => Set<MentorshipNote>();

    public DbSet<Reflection> Reflections => Set<Reflection>();

    public DbSet<CheckIn> CheckIns => Set<CheckIn>();

    public DbSet<FitAnswer> FitAnswers => Set<FitAnswer>();

    public DbSet<CheckInReminder> CheckInReminders => Set<CheckInReminder>();
    public DbSet<Standup> Standups => Set<Standup>();

    public DbSet<StandupReply> StandupReplies => Set<StandupReply>();

    public DbSet<StandupDigest> StandupDigests => Set<StandupDigest>();

    public DbSet<Victory> Victories => Set<Victory>();

    public DbSet<VictoryShare> VictoryShares => Set<VictoryShare>();

    public DbSet<Kudos> Kudos => Set<Kudos>();

    public DbSet<Reaction> Reactions => Set<Reaction>();

    public DbSet<DiscussionGuide> DiscussionGuides => Set<DiscussionGuide>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();

    /// <summary>The data-protection keys (cookies, antiforgery tokens, invitation links), shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<ReportSnapshot> ReportSnapshots => Set<ReportSnapshot>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<Survey> Surveys => Set<Survey>();

    public DbSet<SurveyQuestion> SurveyQuestions => Set<SurveyQuestion>();

    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();

    public DbSet<SurveyAnswer> SurveyAnswers => Set<SurveyAnswer>();

    public DbSet<SurveyDelivery> SurveyDeliveries => Set<SurveyDelivery>();

    public DbSet<ProgramTransition> ProgramTransitions => Set<ProgramTransition>();

    public DbSet<SuccessCriterion> SuccessCriteria => Set<SuccessCriterion>();

    public DbSet<TrainingCourse> TrainingCourses => Set<TrainingCourse>();
    public DbSet<TrainingModule> TrainingModules => Set<TrainingModule>();
    public DbSet<TrainingVideo> TrainingVideos => Set<TrainingVideo>();
    public DbSet<DiscussionQuestion> DiscussionQuestions => Set<DiscussionQuestion>();
    public DbSet<ProgramTraining> ProgramTrainings => Set<ProgramTraining>();
    public DbSet<ModuleCompletion> ModuleCompletions => Set<ModuleCompletion>();
    public DbSet<DiscussionAnswer> DiscussionAnswers => Set<DiscussionAnswer>();
    public DbSet<SelfAssessment> SelfAssessments => Set<SelfAssessment>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MentoringDbContext).Assembly);
        Configurations.PostgresSearch.Configure(builder, Database);
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
