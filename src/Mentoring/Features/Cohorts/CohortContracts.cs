using Mentoring.Domain;
using Mentoring.Features.Matching;

namespace Mentoring.Features.Cohorts;

/// <summary>A cohort: a program's, or one group's within it.</summary>
public sealed record Cohort(int ProgramId, int? GroupId, string Name, int? HostId);

public sealed record ReactionCount(ReactionKind Kind, string Emoji, int Count, bool Mine);

public sealed record VictoryDto(
    int Id, PersonRef Author, string Text, VictoryVisibility Visibility, IReadOnlyList<PersonRef> SharedWith, DateTimeOffset CreatedAt,
    IReadOnlyList<ReactionCount> Reactions);

public sealed record KudosDto(int Id, PersonRef From, PersonRef To, string Text, DateTimeOffset CreatedAt, IReadOnlyList<ReactionCount> Reactions);

public sealed record ReplyDto(int Id, PersonRef Author, string Text, DateTimeOffset CreatedAt);

public sealed record StandupDto(
    int Id, PersonRef Author, DateOnly On, string Did, string Next, string Stuck, DateTimeOffset CreatedAt,
    IReadOnlyList<ReplyDto> Replies, IReadOnlyList<ReactionCount> Reactions);

public sealed record Created(int Id);

public sealed record VictoryInput
{
    public string? Text { get; init; }

    public VictoryVisibility? Visibility { get; init; }

    public List<int>? SharedWith { get; init; }
}

public sealed record KudosInput
{
    public int? To { get; init; }

    public string? Text { get; init; }
}

public sealed record StandupInput
{
    public string? Did { get; init; }

    public string? Next { get; init; }

    public string? Stuck { get; init; }
}

public sealed record ReplyInput
{
    public string? Text { get; init; }
}

public sealed record ReactionInput
{
    public ReactionKind? Kind { get; init; }
}
