using NodaTime;

namespace Mentoring.Domain;

/// <summary>Who reads an answer to a discussion question: its author only, their pair, or their cohort.</summary>
public enum AnswerVisibility
{
    Private,

    /// <summary>The author's mentor or mentees in active mentorships.</summary>
    Pair,

    /// <summary>The people enrolled with the author in a program that assigns the course.</summary>
    Cohort,
}

/// <summary>A person's answer to a discussion question, one per person and question (a new answer replaces it).</summary>
public sealed class DiscussionAnswer
{
    public int Id { get; set; }

    public int QuestionId { get; set; }

    public DiscussionQuestion? Question { get; set; }

    public int PersonId { get; set; }

    public Person? Person { get; set; }

    [PrivateText]
    public required string Text { get; set; }

    public AnswerVisibility Visibility { get; set; }

    public Instant AnsweredAt { get; set; }
}
