namespace Mentoring.Domain;

/// <summary>What a module is: a video (a link, or a file kept in the store) or an article in Markdown.</summary>
public enum TrainingModuleKind
{
    Article,
    Video,
}

/// <summary>One step of a course: an article or a video, with questions to think about or discuss.</summary>
public sealed class TrainingModule
{
    public int Id { get; set; }

    public int CourseId { get; set; }

    public TrainingCourse? Course { get; set; }

    /// <summary>Its place in the course, from 1.</summary>
    public int Order { get; set; }

    public required string Title { get; set; }

    public TrainingModuleKind Kind { get; set; }

    /// <summary>The article, in Markdown (raw HTML is not rendered); for a video, an optional introduction.</summary>
    public string Body { get; set; } = "";

    /// <summary>A video elsewhere (https); null when the video is a file kept in the store, or for an article.</summary>
    public string? VideoUrl { get; set; }

    /// <summary>About how long it takes, for the course's overview.</summary>
    public int? Minutes { get; set; }

    public TrainingVideo? Video { get; set; }

    public List<DiscussionQuestion> Questions { get; set; } = [];
}
