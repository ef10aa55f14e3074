namespace Mentoring.Infrastructure;

/// <summary>A rule a request broke, named by the field at fault (the JSON field name, e.g. <c>timeZone</c>).</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// What a service answers: a value, the fields at fault, or "not found". Feature-neutral and free of
/// HTTP: endpoints turn it into ProblemDetails (<see cref="OutcomeHttp"/>), pages into form errors
/// (<see cref="PageValidation"/>).
/// </summary>
public readonly record struct Outcome<T>
{
    private Outcome(T? value, IReadOnlyList<FieldError>? errors, bool notFound)
    {
        Value = value;
        Errors = errors ?? [];
        IsNotFound = notFound;
    }

    public T? Value { get; }

    public IReadOnlyList<FieldError> Errors { get; }

    public bool IsNotFound { get; }

    public bool Succeeded => !IsNotFound && Errors.Count == 0;

    public static Outcome<T> Ok(T value) => new(value, null, false);

    public static Outcome<T> NotFound() => new(default, null, true);

    public static Outcome<T> Invalid(string field, string message) => new(default, [new FieldError(field, message)], false);

    public static Outcome<T> Invalid(IReadOnlyList<FieldError> errors) => new(default, errors, false);

    /// <summary>The same outcome with its value turned into another (a DTO, say); failures pass through.</summary>
    public Outcome<TResult> Map<TResult>(Func<T, TResult> map) =>
        Succeeded ? Outcome<TResult>.Ok(map(Value!)) : IsNotFound ? Outcome<TResult>.NotFound() : Outcome<TResult>.Invalid(Errors);

    public static implicit operator Outcome<T>(T value) => Ok(value);

    public static implicit operator Outcome<T>(Outcome.Failure failure) =>
        failure.IsNotFound ? NotFound() : Invalid(failure.Errors);
}

/// <summary>Helpers that read well at a service's return statements: <c>return Outcome.Invalid("level", "…");</c>.</summary>
public static class Outcome
{
    /// <summary>A failure of any value type; converts to the <see cref="Outcome{T}"/> the method returns.</summary>
    public sealed record Failure(IReadOnlyList<FieldError> Errors, bool IsNotFound);

    public static Failure NotFound() => new([], true);

    public static Failure Invalid(string field, string message) => new([new FieldError(field, message)], false);

    public static Failure Invalid(IReadOnlyList<FieldError> errors) => new(errors, false);

    /// <summary>For a service call that returns nothing on success.</summary>
    public static Outcome<Done> Done() => Outcome<Done>.Ok(default);
}

/// <summary>The value of an outcome that has nothing to return.</summary>
public readonly record struct Done;
