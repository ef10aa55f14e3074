using Microsoft.AspNetCore.Http.HttpResults;

namespace Mentoring.Infrastructure;

/// <summary>The API's edge: a service's <see cref="Outcome{T}"/> as an HTTP answer.</summary>
public static class OutcomeHttp
{
    /// <summary>200 with the value, 404, or a 400 ProblemDetails naming the fields.</summary>
    public static Results<Ok<T>, NotFound, ValidationProblem> ToOk<T>(this Outcome<T> outcome) =>
        outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : outcome.IsNotFound ? TypedResults.NotFound() : outcome.ToProblem();

    /// <summary>204, 404, or a 400 ProblemDetails naming the fields.</summary>
    public static Results<NoContent, NotFound, ValidationProblem> ToNoContent<T>(this Outcome<T> outcome) =>
        outcome.Succeeded ? TypedResults.NoContent() : outcome.IsNotFound ? TypedResults.NotFound() : outcome.ToProblem();

    public static ValidationProblem ToProblem<T>(this Outcome<T> outcome) =>
        TypedResults.ValidationProblem(outcome.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
}
