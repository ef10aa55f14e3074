using Mentoring.Domain;
using Mentoring.Features.Surveys;

namespace Mentoring.Features.Programs;

public sealed record ScopeInput(string? Kind = null, string? Value = null);

public sealed record CriterionInput(string? Text = null, string? Kind = null, double? Target = null);

/// <summary><c>{"to":"pilot","scope":{"kind":"department","value":"Sales"}}</c>; the scope only for a pilot, criteria at any step.</summary>
public sealed record TransitionInput(string? To = null, ScopeInput? Scope = null, List<CriterionInput>? Criteria = null);

public sealed record ScopeDto(ScopeKind Kind, string Value);

public sealed record TransitionDto(ProgramStatus From, ProgramStatus To, string By, DateTimeOffset At, ScopeDto? Scope);

public sealed record SponsorDto(int PersonId, string Name);

public sealed record CriterionDto(int Id, string Text, CriterionKind Kind, double Target);

/// <summary>Where a program stands in its life: status, a pilot's scope, its sponsor, criteria and every step so far.</summary>
public sealed record LifecycleDto(
    int Id, string Name, ProgramStatus Status, ScopeDto? Scope, SponsorDto? Sponsor, int K, bool AutoSurveys,
    IReadOnlyList<CriterionDto> Criteria, IReadOnlyList<TransitionDto> Transitions, int Withdrawn = 0);

public sealed record SponsorInput(int? PersonId = null);

public sealed record SurveySettingsInput(int? K = null, bool? AutoSurveys = null);

/// <summary>A criterion against its measured value (null with a reason when it cannot be measured, or only under k people).</summary>
public sealed record CriterionResult(int Id, string Text, CriterionKind Kind, double Target, double? Measured, bool? Met, string? Note);

/// <summary>The evaluation page and the sponsor's view: purpose, progress against the criteria and aggregates only.</summary>
public sealed record EvaluationDto(
    int ProgramId, string Name, string Purpose, ProgramStatus Status, ScopeDto? Scope, SponsorDto? Sponsor, int K,
    int Mentors, int Mentees, int Participants, int ActivePairs,
    IReadOnlyList<CriterionResult> Criteria, IReadOnlyList<SurveyResultsDto> Surveys, ComparisonDto Comparison, IReadOnlyList<TransitionDto> Transitions);

public sealed record SponsorMessageInput(string? Subject = null, string? Body = null);

public sealed record SponsorMessageResult(int Sent);
