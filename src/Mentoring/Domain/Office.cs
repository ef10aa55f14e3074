namespace Mentoring.Domain;

/// <summary>A place people can meet in person, with its time zone and bookable rooms.</summary>
public sealed class Office
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>IANA time-zone id; office days are dates in this zone.</summary>
    public required string TimeZone { get; set; }

    public List<Room> Rooms { get; set; } = [];

    /// <summary>The office's policy: the weekdays people are in when they declared nothing else.</summary>
    public List<NodaTime.IsoDayOfWeek> OfficeDays { get; set; } = [NodaTime.IsoDayOfWeek.Tuesday, NodaTime.IsoDayOfWeek.Wednesday, NodaTime.IsoDayOfWeek.Thursday];
}

/// <summary>A room in an office that can hold an in-person session (coworking, group mentoring).</summary>
public sealed class Room
{
    public int Id { get; set; }

    public int OfficeId { get; set; }

    public required string Name { get; set; }

    /// <summary>How many people it seats, the host included.</summary>
    public int Capacity { get; set; }
}
