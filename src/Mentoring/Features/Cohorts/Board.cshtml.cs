using Mentoring.Infrastructure;

namespace Mentoring.Features.Cohorts;

/// <summary>A program's board, for the people enrolled in it and the program's admins.</summary>
public sealed class BoardModel(CohortService cohorts, CurrentPerson current) : BoardPageModel(cohorts, current)
{
    public override string Path(int id) => $"/Programs/{id}/Board";

    protected override Task<Cohort?> ResolveAsync(CohortService cohorts, int id, int? personId, bool isAdmin, CancellationToken cancellationToken) =>
        cohorts.ProgramCohortAsync(id, personId, isAdmin, cancellationToken);
}
