using Mentoring.Domain;

namespace Mentoring.Features.Training;

public sealed record CourseInput(string? Title = null, string? Summary = null, string? Audience = null);

public sealed record ModuleInput(
    string? Title = null, string? Kind = null, string? Body = null, string? VideoUrl = null, int? Minutes = null, List<string>? Questions = null, int? Order = null);

public sealed record DoneInput(bool Done = true);

public sealed record AnswerInput(string? Text = null, string? Visibility = null);

public sealed record AssignmentInput(int CourseId = 0, bool RequiredBeforeMatching = false);

public sealed record AssignmentsInput(List<AssignmentInput>? Courses = null);

public sealed record AssessmentInput(string? Stage = null, Dictionary<string, int>? Scores = null);

public sealed record CourseSummaryDto(int Id, string Title, string Summary, TrainingAudience Audience, int Modules, int Minutes);

public sealed record QuestionDto(int Id, int Order, string Text);

public sealed record ModuleSummaryDto(int Id, int Order, string Title, TrainingModuleKind Kind, int? Minutes, bool Done);

public sealed record CourseDto(
    int Id, string Title, string Summary, TrainingAudience Audience, IReadOnlyList<ModuleDto> Modules, int ModulesDone, bool Complete);

/// <summary>A module as its reader gets it: the Markdown and its safe HTML, the video, the questions with the reader's own answers.</summary>
public sealed record ModuleDto(
    int Id, int CourseId, int Order, string Title, TrainingModuleKind Kind, int? Minutes, string Body, string BodyHtml,
    string? VideoUrl, string? VideoFile, bool Done, IReadOnlyList<QuestionDto> Questions);

/// <summary>The caller's own answer: only its author is ever given it as theirs.</summary>
public sealed record MyAnswerDto(int QuestionId, string Text, AnswerVisibility Visibility, DateTimeOffset AnsweredAt);

/// <summary>An answer someone shared with the caller (as their pair or cohort).</summary>
public sealed record SharedAnswerDto(int QuestionId, string Author, string Text, AnswerVisibility Visibility, DateTimeOffset AnsweredAt);

public sealed record ModuleViewDto(ModuleDto Module, string CourseTitle, IReadOnlyList<MyAnswerDto> MyAnswers, IReadOnlyList<SharedAnswerDto> Shared, int? Next, int? Previous);

public sealed record AssignedCourseDto(
    int CourseId, string Title, TrainingAudience Audience, int ProgramId, string ProgramName, bool RequiredBeforeMatching, int Modules, int ModulesDone, bool Complete);

public sealed record AssessmentDueDto(int ProgramId, string ProgramName, bool StartDone, bool EndDone);

public sealed record MyTrainingDto(IReadOnlyList<AssignedCourseDto> Assigned, IReadOnlyList<AssessmentDueDto> SelfAssessments);

public sealed record AssignmentDto(int CourseId, string Title, TrainingAudience Audience, bool RequiredBeforeMatching);

/// <summary>One group of the completion report: hidden (with the reason, no figures) when under k.</summary>
public sealed record CompletionGroupDto(string By, string Value, int? People, int? Complete, double? Rate, bool Hidden, string? Reason);

public sealed record ProgramCompletionDto(
    int ProgramId, string ProgramName, int K, int? People, int? Complete, double? Rate, bool Hidden, string? Reason,
    IReadOnlyList<CompletionGroupDto> Groups, int HeldBack, string Rule);

public sealed record AssessmentItemDto(string Key, string Text);

public sealed record MyAssessmentDto(int ProgramId, IReadOnlyList<AssessmentItemDto> Items, IReadOnlyDictionary<string, int>? Start, IReadOnlyDictionary<string, int>? End);

public sealed record AssessmentMeanDto(string Key, string Text, double? Start, double? End);

public sealed record AssessmentSummaryDto(int ProgramId, int K, int StartCount, int EndCount, bool StartHidden, bool EndHidden, string? Reason, IReadOnlyList<AssessmentMeanDto> Items);
