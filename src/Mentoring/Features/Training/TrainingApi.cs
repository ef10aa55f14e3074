using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mentoring.Features.Training;

/// <summary>
/// Training: the library of courses and modules (anyone signed in reads it, the admin writes it), each
/// person's own progress and answers, the courses a program assigns, and completion for the admin.
/// </summary>
public static class TrainingApi
{
    public static IServiceCollection AddTrainingFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrainingOptions>().Bind(configuration.GetSection("Training"));
        services.AddScoped<TrainingService>();
        Privacy.PersonalDataSetup.AddPersonalDataContributor<TrainingContributor>(services);
        return services;
    }

    public static RouteGroupBuilder MapTrainingApi(this RouteGroupBuilder api)
    {
        var trainings = api.MapGroup("/trainings").WithTags("Training");
        trainings.MapGet("/", List).WithName("ListTrainings").WithSummary("The training library: every course, its audience and length.")
            .RequireAuthorization(Policies.SignedIn);
        trainings.MapPost("/", CreateCourse).WithName("CreateTraining").WithSummary("Add a course to the library.").RequireAuthorization(Policies.Admin);
        trainings.MapGet("/me", Mine).WithName("MyTraining")
            .WithSummary("Your progress: the courses your programs assign you, and your self-assessments.").RequireAuthorization(Policies.SignedIn);
        trainings.MapGet("/completion", Completion).WithName("TrainingCompletion")
            .WithSummary("Completion per program, role and office; groups under k are hidden.").RequireAuthorization(Policies.Admin);
        trainings.MapGet("/{id:int}", GetCourse).WithName("GetTraining").WithSummary("A course with its modules and your progress.")
            .RequireAuthorization(Policies.SignedIn);
        trainings.MapPut("/{id:int}", EditCourse).WithName("EditTraining").WithSummary("Edit a course.").RequireAuthorization(Policies.Admin);
        trainings.MapDelete("/{id:int}", DeleteCourse).WithName("DeleteTraining")
            .WithSummary("Delete a course with its modules and everyone's progress and answers in it; refused while a running program assigns it.")
            .RequireAuthorization(Policies.Admin);
        trainings.MapPost("/{id:int}/modules", AddModule).WithName("AddTrainingModule")
            .WithSummary("Add a module (an article in Markdown, or a video) with its discussion questions.").RequireAuthorization(Policies.Admin);
        trainings.MapGet("/modules/{id:int}", GetModule).WithName("GetTrainingModule")
            .WithSummary("A module, your answers, and the answers your pair or cohort shared with you.").RequireAuthorization(Policies.SignedIn);
        trainings.MapPut("/modules/{id:int}", EditModule).WithName("EditTrainingModule").WithSummary("Edit a module.").RequireAuthorization(Policies.Admin);
        trainings.MapDelete("/modules/{id:int}", DeleteModule).WithName("DeleteTrainingModule")
            .WithSummary("Delete a module with its video, its questions and everyone's progress and answers in it.").RequireAuthorization(Policies.Admin);
        trainings.MapPost("/modules/{id:int}/video", UploadVideo).WithName("UploadTrainingVideo")
            .WithSummary("Upload a module's video file (mp4, webm or ogg; multipart field \"file\").").RequireAuthorization(Policies.Admin).DisableAntiforgery();
        trainings.MapGet("/modules/{id:int}/video", Video).WithName("TrainingVideo").WithSummary("A module's uploaded video.")
            .RequireAuthorization(Policies.SignedIn);
        trainings.MapPost("/modules/{id:int}/done", Done).WithName("MarkTrainingModuleDone")
            .WithSummary("Mark a module done (or, with {\"done\":false}, not done).").RequireAuthorization(Policies.SignedIn);
        trainings.MapPost("/questions/{id:int}/answer", Answer).WithName("AnswerDiscussionQuestion")
            .WithSummary("Answer a discussion question: private (yours only), pair or cohort. A new answer replaces the last.").RequireAuthorization(Policies.SignedIn);

        var programs = api.MapGroup("/programs/{id:int}").WithTags("Training");
        programs.MapGet("/trainings", Assignments).WithName("ProgramTrainings")
            .WithSummary("The courses a program assigns, and whether each is required before matching.").RequireAuthorization(Policies.Admin);
        programs.MapPut("/trainings", Assign).WithName("AssignProgramTrainings")
            .WithSummary("Set the courses a program assigns: {\"courses\":[{\"courseId\":1,\"requiredBeforeMatching\":true}]}.").RequireAuthorization(Policies.Admin);
        programs.MapGet("/trainings/completion", ProgramCompletion).WithName("ProgramTrainingCompletion")
            .WithSummary("The program's completion by role and office; groups under k are hidden.").RequireAuthorization(Policies.Admin);
        programs.MapGet("/self-assessments/me", MyAssessment).WithName("MySelfAssessment")
            .WithSummary("Your own self-assessment as a mentor of the program: start and end.").RequireAuthorization(Policies.SignedIn);
        programs.MapPost("/self-assessments", Assess).WithName("SubmitSelfAssessment")
            .WithSummary("Rate your coaching and communication skills (1-5 each) at the start or the end.").RequireAuthorization(Policies.SignedIn);
        programs.MapGet("/self-assessments/summary", AssessmentSummary).WithName("SelfAssessmentSummary")
            .WithSummary("The mentors' means at the start and the end, over at least k mentors each.").RequireAuthorization(Policies.Admin);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<CourseSummaryDto>>> List(TrainingService training, CancellationToken cancellationToken) =>
        TypedResults.Ok(await training.ListAsync(cancellationToken));

    private static async Task<Results<Created<CourseDto>, NotFound, ValidationProblem>> CreateCourse(
        CourseInput input, TrainingService training, CancellationToken cancellationToken)
    {
        var saved = await training.SaveCourseAsync(null, input, cancellationToken);
        if (!saved.Succeeded)
        {
            return saved.ToProblem();
        }
        return TypedResults.Created($"/api/trainings/{saved.Value!.Id}", await training.GetCourseAsync(saved.Value.Id, null, cancellationToken));
    }

    private static async Task<Results<Ok<CourseDto>, NotFound, ValidationProblem>> EditCourse(
        int id, CourseInput input, TrainingService training, CancellationToken cancellationToken)
    {
        var saved = await training.SaveCourseAsync(id, input, cancellationToken);
        return saved.Succeeded ? TypedResults.Ok((await training.GetCourseAsync(id, null, cancellationToken))!) : saved.IsNotFound ? TypedResults.NotFound() : saved.ToProblem();
    }

    private static async Task<Results<Ok<CourseDto>, NotFound>> GetCourse(int id, TrainingService training, CurrentPerson current, CancellationToken cancellationToken) =>
        await training.GetCourseAsync(id, await current.IdAsync(cancellationToken), cancellationToken) is { } course ? TypedResults.Ok(course) : TypedResults.NotFound();

    private static async Task<Results<Created<ModuleDto>, NotFound, ValidationProblem>> AddModule(
        int id, ModuleInput input, TrainingService training, CancellationToken cancellationToken)
    {
        var saved = await training.SaveModuleAsync(id, null, input, cancellationToken);
        if (!saved.Succeeded)
        {
            return saved.IsNotFound ? TypedResults.NotFound() : saved.ToProblem();
        }
        var view = await training.GetModuleAsync(saved.Value!.Id, null, cancellationToken);
        return TypedResults.Created($"/api/trainings/modules/{saved.Value.Id}", view!.Module);
    }

    private static async Task<Results<Ok<ModuleDto>, NotFound, ValidationProblem>> EditModule(
        int id, ModuleInput input, TrainingService training, CancellationToken cancellationToken)
    {
        var saved = await training.SaveModuleAsync(null, id, input, cancellationToken);
        return saved.Succeeded ? TypedResults.Ok((await training.GetModuleAsync(id, null, cancellationToken))!.Module)
            : saved.IsNotFound ? TypedResults.NotFound() : saved.ToProblem();
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> DeleteCourse(int id, TrainingService training, CancellationToken cancellationToken) =>
        (await training.DeleteCourseAsync(id, cancellationToken)).ToNoContent();

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> DeleteModule(int id, TrainingService training, CancellationToken cancellationToken) =>
        (await training.DeleteModuleAsync(id, cancellationToken)).ToNoContent();

    private static async Task<Results<Ok<ModuleViewDto>, NotFound>> GetModule(int id, TrainingService training, CurrentPerson current, CancellationToken cancellationToken) =>
        await training.GetModuleAsync(id, await current.IdAsync(cancellationToken), cancellationToken) is { } module ? TypedResults.Ok(module) : TypedResults.NotFound();

    private static async Task<Results<Ok<ModuleDto>, NotFound, ValidationProblem>> UploadVideo(
        int id, HttpRequest request, TrainingService training, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["send the video as multipart/form-data, in the field \"file\""] });
        }
        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("file") is not { } file)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["no file in the field \"file\""] });
        }
        await using var stream = file.OpenReadStream();
        var saved = await training.UploadVideoAsync(id, file.FileName, file.ContentType, stream, file.Length, cancellationToken);
        return saved.Succeeded ? TypedResults.Ok((await training.GetModuleAsync(id, null, cancellationToken))!.Module)
            : saved.IsNotFound ? TypedResults.NotFound() : saved.ToProblem();
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> Video(int id, TrainingService training, CancellationToken cancellationToken) =>
        await training.VideoAsync(id, cancellationToken) is { } video
            ? TypedResults.File(video.Content, video.ContentType, enableRangeProcessing: true)
            : TypedResults.NotFound();

    private static async Task<Results<Ok<ModuleSummaryDto>, NotFound, ValidationProblem>> Done(
        int id, DoneInput? input, TrainingService training, CurrentPerson current, CancellationToken cancellationToken)
    {
        if (await current.IdAsync(cancellationToken) is not { } personId)
        {
            return Problems.NotLinkedToPerson();
        }
        return (await training.MarkDoneAsync(id, personId, input?.Done ?? true, cancellationToken)).ToOk();
    }

    private static async Task<Results<Ok<MyAnswerDto>, NotFound, ValidationProblem>> Answer(
        int id, AnswerInput input, TrainingService training, CurrentPerson current, CancellationToken cancellationToken)
    {
        if (await current.IdAsync(cancellationToken) is not { } personId)
        {
            return Problems.NotLinkedToPerson();
        }
        return (await training.AnswerAsync(id, personId, input, cancellationToken)).ToOk();
    }

    private static async Task<Results<Ok<MyTrainingDto>, ValidationProblem>> Mine(TrainingService training, CurrentPerson current, CancellationToken cancellationToken)
    {
        if (await current.IdAsync(cancellationToken) is not { } personId)
        {
            return Problems.NotLinkedToPerson();
        }
        return TypedResults.Ok(await training.MineAsync(personId, cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<ProgramCompletionDto>>> Completion(TrainingService training, CancellationToken cancellationToken) =>
        TypedResults.Ok(await training.CompletionAsync(null, cancellationToken));

    private static async Task<Results<Ok<ProgramCompletionDto>, NotFound>> ProgramCompletion(int id, TrainingService training, CancellationToken cancellationToken) =>
        (await training.CompletionAsync(id, cancellationToken)).FirstOrDefault() is { } completion ? TypedResults.Ok(completion) : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<AssignmentDto>>, NotFound>> Assignments(int id, TrainingService training, CancellationToken cancellationToken) =>
        await training.AssignmentsAsync(id, cancellationToken) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<AssignmentDto>>, NotFound, ValidationProblem>> Assign(
        int id, AssignmentsInput input, TrainingService training, CancellationToken cancellationToken) =>
        (await training.AssignAsync(id, input, cancellationToken)).ToOk();

    private static async Task<Results<Ok<MyAssessmentDto>, NotFound, ValidationProblem>> MyAssessment(
        int id, TrainingService training, CurrentPerson current, CancellationToken cancellationToken)
    {
        if (await current.IdAsync(cancellationToken) is not { } personId)
        {
            return Problems.NotLinkedToPerson();
        }
        return await training.MyAssessmentAsync(id, personId, cancellationToken) is { } mine ? TypedResults.Ok(mine) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<MyAssessmentDto>, NotFound, ValidationProblem>> Assess(
        int id, AssessmentInput input, TrainingService training, CurrentPerson current, CancellationToken cancellationToken)
    {
        if (await current.IdAsync(cancellationToken) is not { } personId)
        {
            return Problems.NotLinkedToPerson();
        }
        return (await training.AssessAsync(id, personId, input, cancellationToken)).ToOk();
    }

    private static async Task<Results<Ok<AssessmentSummaryDto>, NotFound>> AssessmentSummary(int id, TrainingService training, CancellationToken cancellationToken) =>
        await training.AssessmentSummaryAsync(id, cancellationToken) is { } summary ? TypedResults.Ok(summary) : TypedResults.NotFound();
}
