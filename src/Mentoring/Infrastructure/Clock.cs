using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Text;

namespace Mentoring.Infrastructure;

/// <summary>The app's clock settings (<c>Clock:*</c>).</summary>
public sealed class ClockOptions
{
    /// <summary>
    /// An ISO-8601 instant (<c>2027-03-01T09:00:00Z</c>): the app's clock starts there and runs forward,
    /// for demos and outside checks. Empty (the default): the real time.
    /// </summary>
    public string? Now { get; set; }
}

/// <summary>
/// The composition root of time: the one place that reads the machine's clock. Everything else asks
/// the injected <see cref="IClock"/> (or, for framework code such as Identity's lockouts and cookie
/// expiry, the <see cref="TimeProvider"/> that reads it).
/// </summary>
public static class ClockSetup
{
    public static IServiceCollection AddMentoringClock(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClockOptions>().Bind(configuration.GetSection("Clock"));
        // Read now, so that a mistyped instant stops the app at start instead of at the first request.
        var start = ParseNow(configuration["Clock:Now"]);
        services.AddSingleton<IClock>(provider =>
        {
            if (start is not { } instant)
            {
                return SystemClock.Instance;
            }
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("Mentoring.Clock").LogWarning(
                "Clock:Now is set: the app's clock started at {Start} and runs forward from there, not at the real time", instant);
            return new ShiftedClock(SystemClock.Instance, instant);
        });
        // Framework code (Identity's lockouts, cookie expiry) follows the app's clock too.
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(provider => new ClockTimeProvider(provider.GetRequiredService<IClock>())));
        return services;
    }

    /// <summary>The instant of <c>Clock:Now</c>, or null when it is not set.</summary>
    public static Instant? ParseNow(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var parsed = InstantPattern.ExtendedIso.Parse(value.Trim());
        if (parsed.Success)
        {
            return parsed.Value;
        }
        // Offsets other than Z (2027-03-01T10:00:00+01:00) are instants too.
        var offset = OffsetDateTimePattern.ExtendedIso.Parse(value.Trim());
        return offset.Success
            ? offset.Value.ToInstant()
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Clock:Now: \"{value}\" is not an ISO-8601 instant such as 2027-03-01T09:00:00Z."));
    }
}

/// <summary>A clock that started at a given instant and runs forward at the real pace.</summary>
public sealed class ShiftedClock : IClock
{
    private readonly IClock real;
    private readonly Duration shift;

    public ShiftedClock(IClock real, Instant start)
    {
        this.real = real;
        shift = start - real.GetCurrentInstant();
    }

    public Instant GetCurrentInstant() => real.GetCurrentInstant() + shift;
}

/// <summary>The app's <see cref="IClock"/> seen as a <see cref="TimeProvider"/>, for framework code.</summary>
public sealed class ClockTimeProvider(IClock clock) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => clock.GetCurrentInstant().ToDateTimeOffset();
}

/// <summary>
/// "Today" is a date in a zone: the person's, the office's or the program's. Never the UTC date,
/// which is yesterday or tomorrow for much of the world for part of the day.
/// </summary>
public static class Today
{
    /// <summary>Today's date in the zone with this TZDB id (a person's, an office's, a program's); UTC when unknown.</summary>
    public static LocalDate TodayIn(this IClock clock, string? zoneId) => Of(clock.GetCurrentInstant(), zoneId);

    public static LocalDate TodayIn(this IClock clock, DateTimeZone zone) => clock.GetCurrentInstant().InZone(zone).Date;

    /// <summary>The date of <paramref name="now"/> in the zone with this TZDB id; UTC when unknown.</summary>
    public static LocalDate Of(Instant now, string? zoneId) => now.InZone(Zone(zoneId)).Date;

    public static DateTimeZone Zone(string? zoneId) =>
        zoneId is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) is { } zone ? zone : DateTimeZone.Utc;
}
