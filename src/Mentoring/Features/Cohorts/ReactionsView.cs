using Mentoring.Domain;

namespace Mentoring.Features.Cohorts;

/// <summary>The reaction buttons under one item of a board.</summary>
public sealed record ReactionsView(ReactionTarget Target, int ItemId, IReadOnlyList<ReactionCount> Reactions, int BoardId, bool CanReact);
