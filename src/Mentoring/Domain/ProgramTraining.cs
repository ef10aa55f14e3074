namespace Mentoring.Domain;

/// <summary>
/// A course a program assigns to the people of its audience. When required, a person who has not
/// completed it is kept out of the program's matching proposal.
/// </summary>
public sealed class ProgramTraining
{
    public int Id { get; set; }

    public int ProgramId { get; set; }

    public MentoringProgram? Program { get; set; }

    public int CourseId { get; set; }

    public TrainingCourse? Course { get; set; }

    public bool RequiredBeforeMatching { get; set; }
}
