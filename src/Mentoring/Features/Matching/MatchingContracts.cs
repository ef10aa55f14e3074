using Mentoring.Domain;

namespace Mentoring.Features.Matching;

public sealed record PersonRef(int Id, string Name, string? JobTitle, string? Department, int Level, string? Office);

public sealed record ProposalDto(
    int Id, PersonRef Mentee, PersonRef? Mentor, int Priority, double Score, bool Locked,
    IReadOnlyList<MatchReason> Reasons, string? UnmatchedReason);

public sealed record MatchRunDto(
    int Id, int ProgramId, MatchRunStatus Status, string StartedBy, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    int Matched, int Unmatched, int PrioritySum, double ScoreSum, bool Optimal, string? Error, IReadOnlyList<ProposalDto>? Proposals)
{
    /// <summary>When the proposal was asked for a page at a time: which page, how many lines the filter keeps, counts over all.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ProposalPageDto? Paging { get; init; }

    public static MatchRunDto From(MatchRun run, bool withProposals) => new(
        run.Id, run.ProgramId, run.Status, run.StartedBy, run.StartedAt.ToDateTimeOffset(), run.FinishedAt?.ToDateTimeOffset(),
        run.Matched, run.Unmatched, run.PrioritySum, run.ScoreSum, run.Optimal, run.Error,
        withProposals ? run.Proposals.OrderBy(p => p.MentorId is null).ThenByDescending(p => p.Priority).ThenBy(p => p.Mentee?.Name)
            .Select(ProposalDtoFrom).ToList() : null);

    public static ProposalDto ProposalDtoFrom(MatchProposal p) => new(
        p.Id, Ref(p.Mentee!), p.Mentor is null ? null : Ref(p.Mentor), p.Priority, p.Score, p.Locked, p.Reasons, p.UnmatchedReason);

    public static PersonRef Ref(Person p) => new(p.Id, p.Name, p.JobTitle, p.Department, p.Level, p.Office?.Name);
}

/// <summary>The page of a proposal the API gave, and the counts over the whole proposal.</summary>
public sealed record ProposalPageDto(int Page, int PageSize, int Total, int Pages, string? Fit, string? Flag, int? Office, string Sort, ProposalSummary Summary);

public sealed record LockInput(bool Locked);

public sealed record SwapInput(int? MentorId);

public sealed record AlternativeDto(PersonRef Mentor, double Score, int FreeCapacity, int Proposed, IReadOnlyList<MatchReason> Reasons);

public sealed record MentorshipDto(
    int Id, int ProgramId, string ProgramName, PersonRef Mentor, PersonRef Mentee, MentorshipStatus Status, double Score,
    IReadOnlyList<MatchReason> Reasons, DateTimeOffset CreatedAt, string? DeclinedBy, string? DeclineReason)
{
    public static MentorshipDto From(Mentorship m) => new(
        m.Id, m.ProgramId, m.Program?.Name ?? "", MatchRunDto.Ref(m.Mentor!), MatchRunDto.Ref(m.Mentee!), m.Status, m.Score, m.Reasons,
        m.CreatedAt.ToDateTimeOffset(),
        m.DeclinedById is null ? null : m.DeclinedById == m.MentorId ? m.Mentor!.Name : m.Mentee!.Name, m.DeclineReason);
}

/// <summary>The counterpart as the other person in a mentorship sees them.</summary>
public sealed record CounterpartDto(
    int Id, string Name, string? Email, string? JobTitle, string? Department, int Level, string? Office, string? TimeZone,
    IReadOnlyList<string> Interests, IReadOnlyList<string> Skills, IReadOnlyList<string> Values, string Goals);

public sealed record MyMentorshipDto(
    int Id, string ProgramName, string MyRole, CounterpartDto Counterpart, MentorshipStatus Status, double Score, IReadOnlyList<MatchReason> Reasons);

public sealed record DeclineInput
{
    [System.ComponentModel.DataAnnotations.Required, System.ComponentModel.DataAnnotations.StringLength(2000, MinimumLength = 3)]
    public string Reason { get; init; } = "";
}
