using Mentoring.Infrastructure;

namespace Mentoring.Features.Cohorts;

/// <summary>A group's board, for its host, its members and admins.</summary>
public sealed class GroupBoardModel(CohortService cohorts, CurrentPerson current) : BoardPageModel(cohorts, current)
{
    public override string Path(int id) => $"/Groups/{id}/Board";

    protected override Task<Cohort?> ResolveAsync(CohortService cohorts, int id, int? personId, bool isAdmin, CancellationToken cancellationToken) =>
        cohorts.GroupCohortAsync(id, personId, isAdmin, cancellationToken);
}
