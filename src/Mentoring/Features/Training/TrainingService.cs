using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Mentoring.Features.Training;

/// <summary>The training settings (<c>Training:*</c>).</summary>
public sealed class TrainingOptions
{
    /// <summary>The largest video file an admin may upload, in megabytes (larger videos are linked instead).</summary>
    public int MaxVideoMegabytes { get; set; } = 25;
}

/// <summary>
/// The training library (courses of modules, for one audience each), each person's progress and their
/// answers to discussion questions, which are theirs alone unless they share one with their pair or cohort.
/// </summary>
public sealed class TrainingService(MentoringDbContext db, IClock clock, IOptions<TrainingOptions> options)
{
    public const int MaxQuestions = 10;

    /// <summary>The video files a module may hold, by content type, with the extensions and the bytes they start with.</summary>
    private static readonly (string Type, string[] Extensions, int Offset, byte[] Magic)[] VideoTypes =
    [
        ("video/mp4", [".mp4", ".m4v"], 4, "ftyp"u8.ToArray()),
        ("video/webm", [".webm"], 0, [0x1A, 0x45, 0xDF, 0xA3]),
        ("video/ogg", [".ogv", ".ogg"], 0, "OggS"u8.ToArray()),
    ];

    public long MaxVideoBytes => Math.Max(1, options.Value.MaxVideoMegabytes) * 1024L * 1024L;

    // ---- the library ----

    public async Task<IReadOnlyList<CourseSummaryDto>> ListAsync(CancellationToken cancellationToken)
    {
        var courses = await db.TrainingCourses.AsNoTracking().Include(c => c.Modules).OrderBy(c => c.Audience).ThenBy(c => c.Title).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return courses.Select(c => new CourseSummaryDto(c.Id, c.Title, c.Summary, c.Audience, c.Modules.Count, c.Modules.Sum(m => m.Minutes ?? 0))).ToList();
    }

    public async Task<CourseDto?> GetCourseAsync(int id, int? personId, CancellationToken cancellationToken)
    {
        var course = await db.TrainingCourses.AsNoTracking()
            .Include(c => c.Modules).ThenInclude(m => m.Questions)
            .Include(c => c.Modules).ThenInclude(m => m.Video)
            .AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (course is null)
        {
            return null;
        }
        var done = await DoneAsync(personId, course.Modules.Select(m => m.Id).ToList(), cancellationToken);
        var modules = course.Modules.OrderBy(m => m.Order).ThenBy(m => m.Id).Select(m => ToDto(m, done.Contains(m.Id))).ToList();
        return new CourseDto(course.Id, course.Title, course.Summary, course.Audience, modules, modules.Count(m => m.Done), modules.All(m => m.Done));
    }

    public async Task<ModuleViewDto?> GetModuleAsync(int id, int? personId, CancellationToken cancellationToken)
    {
        var module = await db.TrainingModules.AsNoTracking().Include(m => m.Questions).Include(m => m.Video).Include(m => m.Course)
            .AsSplitQuery().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (module is null)
        {
            return null;
        }
        var done = await DoneAsync(personId, [module.Id], cancellationToken);
        var questionIds = module.Questions.Select(q => q.Id).ToList();
        List<MyAnswerDto> mine = [];
        List<SharedAnswerDto> shared = [];
        if (personId is { } me)
        {
            mine = (await db.DiscussionAnswers.AsNoTracking().Where(a => a.PersonId == me && questionIds.Contains(a.QuestionId))
                .ToListAsync(cancellationToken)).Select(a => new MyAnswerDto(a.QuestionId, a.Text, a.Visibility, a.AnsweredAt.ToDateTimeOffset())).ToList();
            var others = await db.DiscussionAnswers.AsNoTracking()
                .Where(a => a.PersonId != me && questionIds.Contains(a.QuestionId) && a.Visibility != AnswerVisibility.Private)
                .Select(a => new { a.QuestionId, a.PersonId, Author = a.Person!.Name, a.Text, a.Visibility, a.AnsweredAt }).ToListAsync(cancellationToken);
            if (others.Count > 0)
            {
                var partners = await PartnersAsync(me, cancellationToken);
                var cohort = await CohortAsync(me, module.CourseId, cancellationToken);
                shared = others.Where(a => a.Visibility == AnswerVisibility.Pair ? partners.Contains(a.PersonId) : cohort.Contains(a.PersonId))
                    .OrderBy(a => a.QuestionId).ThenBy(a => a.AnsweredAt)
                    .Select(a => new SharedAnswerDto(a.QuestionId, a.Author, a.Text, a.Visibility, a.AnsweredAt.ToDateTimeOffset())).ToList();
            }
        }
        var siblings = await db.TrainingModules.AsNoTracking().Where(m => m.CourseId == module.CourseId).OrderBy(m => m.Order).ThenBy(m => m.Id)
            .Select(m => m.Id).ToListAsync(cancellationToken);
        var at = siblings.IndexOf(module.Id);
        return new ModuleViewDto(ToDto(module, done.Contains(module.Id)), module.Course!.Title, mine, shared,
            at + 1 < siblings.Count ? siblings[at + 1] : null, at > 0 ? siblings[at - 1] : null);
    }

    public async Task<TrainingVideo?> VideoAsync(int moduleId, CancellationToken cancellationToken) =>
        await db.TrainingVideos.AsNoTracking().SingleOrDefaultAsync(v => v.ModuleId == moduleId, cancellationToken);

    public async Task<Outcome<TrainingCourse>> SaveCourseAsync(int? id, CourseInput input, CancellationToken cancellationToken)
    {
        TrainingCourse? course = null;
        if (id is { } existing && (course = await db.TrainingCourses.SingleOrDefaultAsync(c => c.Id == existing, cancellationToken)) is null)
        {
            return Outcome.NotFound();
        }
        var errors = new List<FieldError>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length is 0 or > 200)
        {
            errors.Add(new FieldError("title", "a course needs a title of at most 200 characters"));
        }
        var summary = input.Summary?.Trim() ?? "";
        if (summary.Length > 1000)
        {
            errors.Add(new FieldError("summary", "the summary is at most 1000 characters"));
        }
        var audience = ParseAudience(input.Audience);
        if (audience is null)
        {
            errors.Add(new FieldError("audience", "the audience is mentor, mentee, sponsor or reverse-mentor"));
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        if (course is null)
        {
            course = new TrainingCourse { Title = title, CreatedAt = clock.GetCurrentInstant() };
            db.TrainingCourses.Add(course);
        }
        course.Title = title;
        course.Summary = summary;
        course.Audience = audience!.Value;
        await db.SaveChangesAsync(cancellationToken);
        return course;
    }

    public async Task<Outcome<TrainingModule>> SaveModuleAsync(int? courseId, int? moduleId, ModuleInput input, CancellationToken cancellationToken)
    {
        TrainingModule? module = null;
        if (moduleId is { } mid)
        {
            module = await db.TrainingModules.Include(m => m.Questions).Include(m => m.Video).SingleOrDefaultAsync(m => m.Id == mid, cancellationToken);
            if (module is null)
            {
                return Outcome.NotFound();
            }
        }
        else if (courseId is null || !await db.TrainingCourses.AnyAsync(c => c.Id == courseId, cancellationToken))
        {
            return Outcome.NotFound();
        }
        var errors = new List<FieldError>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length is 0 or > 200)
        {
            errors.Add(new FieldError("title", "a module needs a title of at most 200 characters"));
        }
        var kind = ParseKind(input.Kind);
        if (kind is null)
        {
            errors.Add(new FieldError("kind", "the kind is article or video"));
        }
        var body = input.Body?.Trim() ?? "";
        if (body.Length > 40000)
        {
            errors.Add(new FieldError("body", "the text is at most 40000 characters"));
        }
        if (kind == TrainingModuleKind.Article && body.Length == 0)
        {
            errors.Add(new FieldError("body", "an article needs its text"));
        }
        var url = string.IsNullOrWhiteSpace(input.VideoUrl) ? null : input.VideoUrl.Trim();
        if (url is not null && (url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var link) || link.Scheme is not ("https" or "http")))
        {
            errors.Add(new FieldError("videoUrl", "the video link is an http or https address"));
        }
        if (kind == TrainingModuleKind.Video && url is null && module?.Video is null)
        {
            errors.Add(new FieldError("videoUrl", "a video needs a link, or a file uploaded to it"));
        }
        if (input.Minutes is < 1 or > 600)
        {
            errors.Add(new FieldError("minutes", "the minutes are from 1 to 600"));
        }
        var questions = (input.Questions ?? []).Select(q => q?.Trim() ?? "").Where(q => q.Length > 0).ToList();
        if (questions.Count > MaxQuestions)
        {
            errors.Add(new FieldError("questions", $"a module asks at most {MaxQuestions} questions"));
        }
        for (var i = 0; i < questions.Count; i++)
        {
            if (questions[i].Length > 1000)
            {
                errors.Add(new FieldError($"questions[{i}]", "a question is at most 1000 characters"));
            }
        }
        if (input.Order is < 1 or > 1000)
        {
            errors.Add(new FieldError("order", "the order is from 1 to 1000"));
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        if (module is null)
        {
            var last = await db.TrainingModules.Where(m => m.CourseId == courseId).MaxAsync(m => (int?)m.Order, cancellationToken) ?? 0;
            module = new TrainingModule { CourseId = courseId!.Value, Title = title, Order = input.Order ?? last + 1 };
            db.TrainingModules.Add(module);
        }
        module.Title = title;
        module.Kind = kind!.Value;
        module.Body = body;
        module.VideoUrl = kind == TrainingModuleKind.Video ? url : null;
        module.Minutes = input.Minutes;
        module.Order = input.Order ?? module.Order;
        // Questions keep their rows (and the answers to them) where the text is unchanged or only moved.
        var kept = new List<DiscussionQuestion>();
        for (var i = 0; i < questions.Count; i++)
        {
            var same = module.Questions.FirstOrDefault(q => q.Text == questions[i] && !kept.Contains(q))
                ?? module.Questions.Where(q => !kept.Contains(q) && !questions.Contains(q.Text)).OrderBy(q => q.Order).FirstOrDefault();
            if (same is null)
            {
                same = new DiscussionQuestion { Text = questions[i] };
                module.Questions.Add(same);
            }
            same.Text = questions[i];
            same.Order = i + 1;
            kept.Add(same);
        }
        foreach (var gone in module.Questions.Where(q => !kept.Contains(q)).ToList())
        {
            module.Questions.Remove(gone);
            db.DiscussionQuestions.Remove(gone);
        }
        await db.SaveChangesAsync(cancellationToken);
        return module;
    }

    /// <summary>What deleting a course (or one module, <paramref name="moduleId"/>) takes with it, for the admin to read first.</summary>
    public async Task<DeletionCost?> DeletionCostAsync(int? courseId, int? moduleId, CancellationToken cancellationToken)
    {
        var modules = db.TrainingModules.Where(m => moduleId != null ? m.Id == moduleId : m.CourseId == courseId);
        if (!await modules.AnyAsync(cancellationToken) && (moduleId is not null || !await db.TrainingCourses.AnyAsync(c => c.Id == courseId, cancellationToken)))
        {
            return null;
        }
        var questions = db.DiscussionQuestions.Where(q => modules.Any(m => m.Id == q.ModuleId));
        var people = await db.ModuleCompletions.Where(c => modules.Any(m => m.Id == c.ModuleId)).Select(c => c.PersonId)
            .Union(db.DiscussionAnswers.Where(a => questions.Any(q => q.Id == a.QuestionId)).Select(a => a.PersonId))
            .CountAsync(cancellationToken);
        var answers = await db.DiscussionAnswers.CountAsync(a => questions.Any(q => q.Id == a.QuestionId), cancellationToken);
        var programs = moduleId is not null ? new List<string>() : await db.ProgramTrainings.Where(t => t.CourseId == courseId && t.Program!.Status != ProgramStatus.Archived)
            .Select(t => t.Program!.Name).OrderBy(n => n).ToListAsync(cancellationToken);
        return new DeletionCost(await modules.CountAsync(cancellationToken), people, answers, programs);
    }

    /// <summary>
    /// Deletes a course with its modules, and everyone's progress and answers in them. A course that a
    /// running program assigns is refused, so that deleting it never quietly changes who may be matched.
    /// </summary>
    public async Task<Outcome<Done>> DeleteCourseAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.TrainingCourses.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } course)
        {
            return Outcome.NotFound();
        }
        if ((await DeletionCostAsync(id, null, cancellationToken))!.Blocker(course.Title) is { } blocker)
        {
            return Outcome.Invalid("id", blocker);
        }
        db.TrainingCourses.Remove(course);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done();
    }

    /// <summary>Deletes a module with its video and questions, and everyone's progress and answers in it; gives its course.</summary>
    public async Task<Outcome<int>> DeleteModuleAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.TrainingModules.SingleOrDefaultAsync(m => m.Id == id, cancellationToken) is not { } module)
        {
            return Outcome.NotFound();
        }
        db.TrainingModules.Remove(module);
        await db.SaveChangesAsync(cancellationToken);
        return module.CourseId;
    }

    /// <summary>
    /// Saves a module and its uploaded video as one change: a file the rules refuse leaves no module
    /// behind (a new one) and no half-saved edit (an existing one).
    /// </summary>
    public async Task<Outcome<TrainingModule>> SaveModuleWithVideoAsync(int? courseId, int? moduleId, ModuleInput input, VideoUpload upload, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var saved = await SaveModuleAsync(courseId, moduleId, input, cancellationToken);
        if (!saved.Succeeded)
        {
            return saved;
        }
        var uploaded = await UploadVideoAsync(saved.Value!.Id, upload.FileName, upload.ContentType, upload.Content, upload.Length, cancellationToken);
        if (!uploaded.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            // What was saved is gone from the store; the context must not remember it either.
            db.ChangeTracker.Clear();
            return uploaded.IsNotFound ? Outcome.NotFound() : Outcome.Invalid(uploaded.Errors);
        }
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>
    /// Keeps an uploaded video in the store after checking what it is: an mp4, webm or ogg video by its
    /// declared type, its name and its first bytes, and no larger than <see cref="MaxVideoBytes"/>.
    /// </summary>
    public async Task<Outcome<TrainingVideo>> UploadVideoAsync(int moduleId, string? fileName, string? contentType, Stream content, long length, CancellationToken cancellationToken)
    {
        var module = await db.TrainingModules.Include(m => m.Video).SingleOrDefaultAsync(m => m.Id == moduleId, cancellationToken);
        if (module is null)
        {
            return Outcome.NotFound();
        }
        if (length <= 0)
        {
            return Outcome.Invalid("file", "the file is empty");
        }
        if (length > MaxVideoBytes)
        {
            return Outcome.Invalid("file", $"the file is larger than {options.Value.MaxVideoMegabytes} MB; link a larger video instead");
        }
        var type = VideoTypes.FirstOrDefault(t => string.Equals(t.Type, contentType?.Split(';')[0].Trim(), StringComparison.OrdinalIgnoreCase));
        var name = Path.GetFileName(fileName ?? "").Trim();
        if (type.Type is null || !type.Extensions.Contains(Path.GetExtension(name).ToLowerInvariant()))
        {
            return Outcome.Invalid("file", "the file is an mp4, webm or ogg video (by its type and its name)");
        }
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        if (bytes.Length > MaxVideoBytes)
        {
            return Outcome.Invalid("file", $"the file is larger than {options.Value.MaxVideoMegabytes} MB");
        }
        if (bytes.Length < type.Offset + type.Magic.Length || !bytes.AsSpan(type.Offset, type.Magic.Length).SequenceEqual(type.Magic))
        {
            return Outcome.Invalid("file", $"the file's content is not a {type.Type} video");
        }
        if (module.Video is { } old)
        {
            db.TrainingVideos.Remove(old);
        }
        var video = new TrainingVideo
        {
            ModuleId = module.Id, FileName = name.Length > 200 ? name[^200..] : name, ContentType = type.Type, Length = bytes.Length, Content = bytes,
            UploadedAt = clock.GetCurrentInstant(),
        };
        db.TrainingVideos.Add(video);
        module.Kind = TrainingModuleKind.Video;
        await db.SaveChangesAsync(cancellationToken);
        return video;
    }

    // ---- a person's progress and answers ----

    public async Task<Outcome<ModuleSummaryDto>> MarkDoneAsync(int moduleId, int personId, bool done, CancellationToken cancellationToken)
    {
        var module = await db.TrainingModules.AsNoTracking().SingleOrDefaultAsync(m => m.Id == moduleId, cancellationToken);
        if (module is null)
        {
            return Outcome.NotFound();
        }
        var existing = await db.ModuleCompletions.SingleOrDefaultAsync(c => c.ModuleId == moduleId && c.PersonId == personId, cancellationToken);
        if (done && existing is null)
        {
            db.ModuleCompletions.Add(new ModuleCompletion { ModuleId = moduleId, PersonId = personId, CompletedAt = clock.GetCurrentInstant() });
        }
        else if (!done && existing is not null)
        {
            db.ModuleCompletions.Remove(existing);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (done)
        {
            // Marked done twice at once (two tabs): the other request's row stands.
        }
        return new ModuleSummaryDto(module.Id, module.Order, module.Title, module.Kind, module.Minutes, done);
    }

    public async Task<Outcome<MyAnswerDto>> AnswerAsync(int questionId, int personId, AnswerInput input, CancellationToken cancellationToken)
    {
        if (!await db.DiscussionQuestions.AnyAsync(q => q.Id == questionId, cancellationToken))
        {
            return Outcome.NotFound();
        }
        var text = input.Text?.Trim() ?? "";
        var errors = new List<FieldError>();
        if (text.Length is 0 or > 4000)
        {
            errors.Add(new FieldError("text", "an answer is from 1 to 4000 characters"));
        }
        var visibility = input.Visibility is null ? AnswerVisibility.Private : ParseVisibility(input.Visibility);
        if (visibility is null)
        {
            errors.Add(new FieldError("visibility", "the visibility is private, pair or cohort"));
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        var answer = await db.DiscussionAnswers.SingleOrDefaultAsync(a => a.QuestionId == questionId && a.PersonId == personId, cancellationToken);
        if (answer is null)
        {
            answer = new DiscussionAnswer { QuestionId = questionId, PersonId = personId, Text = text };
            db.DiscussionAnswers.Add(answer);
        }
        answer.Text = text;
        answer.Visibility = visibility!.Value;
        answer.AnsweredAt = clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken);
        return new MyAnswerDto(questionId, answer.Text, answer.Visibility, answer.AnsweredAt.ToDateTimeOffset());
    }

    /// <summary>The courses the person's programs assign to them (by the part they play), with their progress, and their self-assessments.</summary>
    public async Task<MyTrainingDto> MineAsync(int personId, CancellationToken cancellationToken)
    {
        var enrollments = await db.Enrollments.AsNoTracking().Where(e => e.PersonId == personId && e.Role != EnrollmentRole.Participant)
            .Select(e => new { e.ProgramId, e.Role, ProgramName = e.Program!.Name }).ToListAsync(cancellationToken);
        var sponsored = await db.Programs.AsNoTracking().Where(p => p.SponsorId == personId).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken);
        var programIds = enrollments.Select(e => e.ProgramId).Concat(sponsored.Select(s => s.Id)).Distinct().ToList();
        var assignments = await db.ProgramTrainings.AsNoTracking().Include(t => t.Course!).ThenInclude(c => c.Modules)
            .Where(t => programIds.Contains(t.ProgramId)).ToListAsync(cancellationToken);
        var done = await DoneAsync(personId, assignments.SelectMany(a => a.Course!.Modules.Select(m => m.Id)).Distinct().ToList(), cancellationToken);
        var assigned = new List<AssignedCourseDto>();
        foreach (var a in assignments.OrderByDescending(a => a.RequiredBeforeMatching).ThenBy(a => a.Course!.Title))
        {
            var role = enrollments.Where(e => e.ProgramId == a.ProgramId).Select(e => (EnrollmentRole?)e.Role).FirstOrDefault();
            var sponsor = sponsored.FirstOrDefault(s => s.Id == a.ProgramId);
            if (!Fits(a.Course!.Audience, role, sponsor is not null))
            {
                continue;
            }
            var programName = enrollments.FirstOrDefault(e => e.ProgramId == a.ProgramId)?.ProgramName ?? sponsor?.Name ?? "";
            var modulesDone = a.Course.Modules.Count(m => done.Contains(m.Id));
            assigned.Add(new AssignedCourseDto(a.CourseId, a.Course.Title, a.Course.Audience, a.ProgramId, programName, a.RequiredBeforeMatching,
                a.Course.Modules.Count, modulesDone, modulesDone == a.Course.Modules.Count));
        }
        var mentorIn = enrollments.Where(e => e.Role == EnrollmentRole.Mentor).ToList();
        var mentorProgramIds = mentorIn.Select(e => e.ProgramId).ToList();
        var taken = await db.SelfAssessments.AsNoTracking().Where(s => s.PersonId == personId && mentorProgramIds.Contains(s.ProgramId))
            .Select(s => new { s.ProgramId, s.Stage }).ToListAsync(cancellationToken);
        var assessments = mentorIn.Select(e => new AssessmentDueDto(e.ProgramId, e.ProgramName,
            taken.Any(t => t.ProgramId == e.ProgramId && t.Stage == AssessmentStage.Start),
            taken.Any(t => t.ProgramId == e.ProgramId && t.Stage == AssessmentStage.End))).ToList();
        return new MyTrainingDto(assigned, assessments);
    }

    // ---- programs: assignment, the matching rule, completion ----

    public async Task<IReadOnlyList<AssignmentDto>?> AssignmentsAsync(int programId, CancellationToken cancellationToken)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == programId, cancellationToken))
        {
            return null;
        }
        return await db.ProgramTrainings.AsNoTracking().Where(t => t.ProgramId == programId).OrderBy(t => t.Course!.Title)
            .Select(t => new AssignmentDto(t.CourseId, t.Course!.Title, t.Course.Audience, t.RequiredBeforeMatching)).ToListAsync(cancellationToken);
    }

    /// <summary>Replaces the program's assigned courses with these (progress stays with the people).</summary>
    public async Task<Outcome<IReadOnlyList<AssignmentDto>>> AssignAsync(int programId, AssignmentsInput input, CancellationToken cancellationToken)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == programId, cancellationToken))
        {
            return Outcome.NotFound();
        }
        var wanted = input.Courses ?? [];
        var known = (await db.TrainingCourses.Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();
        for (var i = 0; i < wanted.Count; i++)
        {
            if (!known.Contains(wanted[i].CourseId))
            {
                return Outcome.Invalid($"courses[{i}].courseId", $"there is no course {wanted[i].CourseId}");
            }
            if (wanted.Take(i).Any(w => w.CourseId == wanted[i].CourseId))
            {
                return Outcome.Invalid($"courses[{i}].courseId", $"course {wanted[i].CourseId} is listed twice");
            }
        }
        var current = await db.ProgramTrainings.Where(t => t.ProgramId == programId).ToListAsync(cancellationToken);
        db.ProgramTrainings.RemoveRange(current.Where(c => wanted.All(w => w.CourseId != c.CourseId)));
        foreach (var w in wanted)
        {
            var row = current.FirstOrDefault(c => c.CourseId == w.CourseId);
            if (row is null)
            {
                db.ProgramTrainings.Add(new ProgramTraining { ProgramId = programId, CourseId = w.CourseId, RequiredBeforeMatching = w.RequiredBeforeMatching });
            }
            else
            {
                row.RequiredBeforeMatching = w.RequiredBeforeMatching;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<IReadOnlyList<AssignmentDto>>.Ok((await AssignmentsAsync(programId, cancellationToken))!);
    }

    /// <summary>
    /// The program's mentors and mentees who have not completed a course it requires before matching,
    /// with why: matching leaves them out of its proposal (<see cref="Matching.MatchingInput"/>).
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, string>> HeldBackAsync(MentoringDbContext db, int programId, CancellationToken cancellationToken)
    {
        var required = await db.ProgramTrainings.AsNoTracking().Where(t => t.ProgramId == programId && t.RequiredBeforeMatching)
            .Select(t => new { t.Course!.Title, t.Course.Audience, Modules = t.Course.Modules.Select(m => m.Id).ToList() }).ToListAsync(cancellationToken);
        if (required.Count == 0)
        {
            return new Dictionary<int, string>();
        }
        var people = await db.Enrollments.AsNoTracking().Where(e => e.ProgramId == programId && e.Role != EnrollmentRole.Participant)
            .Select(e => new { e.PersonId, e.Role }).ToListAsync(cancellationToken);
        var ids = people.Select(p => p.PersonId).ToList();
        var moduleIds = required.SelectMany(r => r.Modules).ToList();
        var done = (await db.ModuleCompletions.AsNoTracking().Where(c => ids.Contains(c.PersonId) && moduleIds.Contains(c.ModuleId))
            .Select(c => new { c.PersonId, c.ModuleId }).ToListAsync(cancellationToken)).Select(c => (c.PersonId, c.ModuleId)).ToHashSet();
        var held = new Dictionary<int, string>();
        foreach (var p in people)
        {
            var missing = required.Where(r => Fits(r.Audience, p.Role, sponsor: false) && r.Modules.Any(m => !done.Contains((p.PersonId, m))))
                .Select(r => r.Title).ToList();
            if (missing.Count > 0)
            {
                held[p.PersonId] = "required training not completed: " + string.Join(", ", missing);
            }
        }
        return held;
    }

    /// <summary>
    /// Completion per program, and per role and office within it, over the people each program assigns
    /// a course to. A group under the program's k is hidden, and so is the next-smallest where the
    /// hidden one could be worked out from the total (the survey rule, <see cref="Surveys.SurveyAggregation.Suppress"/>).
    /// </summary>
    public async Task<IReadOnlyList<ProgramCompletionDto>> CompletionAsync(int? programId, CancellationToken cancellationToken)
    {
        var programs = await db.Programs.AsNoTracking().Where(p => programId == null || p.Id == programId)
            .Where(p => db.ProgramTrainings.Any(t => t.ProgramId == p.Id)).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var result = new List<ProgramCompletionDto>();
        foreach (var program in programs)
        {
            var k = Math.Max(MentoringProgram.LowestSurveyMinimumGroup, program.SurveyMinimumGroup);
            var courses = await db.ProgramTrainings.AsNoTracking().Where(t => t.ProgramId == program.Id)
                .Select(t => new { t.Course!.Audience, Modules = t.Course.Modules.Select(m => m.Id).ToList() }).ToListAsync(cancellationToken);
            var people = (await db.Enrollments.AsNoTracking()
                .Where(e => e.ProgramId == program.Id && e.Person!.Active && e.Role != EnrollmentRole.Participant)
                .Select(e => new { e.PersonId, e.Role, Office = (string?)e.Person!.Office!.Name }).ToListAsync(cancellationToken))
                .Select(e => (e.PersonId, Role: e.Role.ToString(), e.Office)).ToList();
            if (program.SponsorId is { } sponsorId && people.All(p => p.PersonId != sponsorId))
            {
                var office = await db.People.Where(p => p.Id == sponsorId).Select(p => (string?)p.Office!.Name).SingleOrDefaultAsync(cancellationToken);
                people.Add((sponsorId, "Sponsor", office));
            }
            var ids = people.Select(p => p.PersonId).ToList();
            var moduleIds = courses.SelectMany(c => c.Modules).Distinct().ToList();
            var done = (await db.ModuleCompletions.AsNoTracking().Where(c => ids.Contains(c.PersonId) && moduleIds.Contains(c.ModuleId))
                .Select(c => new { c.PersonId, c.ModuleId }).ToListAsync(cancellationToken)).Select(c => (c.PersonId, c.ModuleId)).ToHashSet();
            var rows = people.Select(p =>
                {
                    var role = Enum.TryParse<EnrollmentRole>(p.Role, out var r) ? r : (EnrollmentRole?)null;
                    var theirs = courses.Where(c => Fits(c.Audience, role, p.Role == "Sponsor")).ToList();
                    return (p.PersonId, Role: p.Role.ToLowerInvariant(), Office: p.Office ?? Surveys.SurveyAggregation.NotSet,
                        Assigned: theirs.Count > 0, Complete: theirs.All(c => c.Modules.All(m => done.Contains((p.PersonId, m)))));
                })
                .Where(r => r.Assigned).ToList();
            var held = (await HeldBackAsync(db, program.Id, cancellationToken)).Count;
            var rule = Rule(k);
            if (rows.Count < k)
            {
                result.Add(new ProgramCompletionDto(program.Id, program.Name, k, null, null, null, true, Surveys.SurveyAggregation.TooFew(k).Replace("respondents", "people", StringComparison.Ordinal), [], held, rule));
                continue;
            }
            var groups = new List<CompletionGroupDto>();
            foreach (var (by, key) in new (string, Func<(int PersonId, string Role, string Office, bool Assigned, bool Complete), string>)[] { ("role", r => r.Role), ("office", r => r.Office) })
            {
                var cells = rows.GroupBy(key, StringComparer.OrdinalIgnoreCase).Select(g => (Value: g.Key, People: g.Count(), Complete: g.Count(x => x.Complete)))
                    .OrderByDescending(g => g.People).ThenBy(g => g.Value, StringComparer.OrdinalIgnoreCase).ToList();
                var hidden = Surveys.SurveyAggregation.Suppress(cells.Select(c => c.People).ToList(), new bool[cells.Count], k);
                for (var i = 0; i < cells.Count; i++)
                {
                    var c = cells[i];
                    groups.Add(hidden[i].Hidden
                        ? new CompletionGroupDto(by, c.Value, null, null, null, true,
                            hidden[i].Primary ? $"Hidden: fewer than {k} people." : Surveys.SurveyAggregation.Complementary)
                        : new CompletionGroupDto(by, c.Value, c.People, c.Complete, Math.Round((double)c.Complete / c.People, 4), false, null));
                }
            }
            var complete = rows.Count(r => r.Complete);
            result.Add(new ProgramCompletionDto(program.Id, program.Name, k, rows.Count, complete, Math.Round((double)complete / rows.Count, 4), false, null, groups, held, rule));
        }
        return result;
    }

    public static string Rule(int k) =>
        $"Completion is shown only for groups of at least {k} people. A group under {k} is hidden, and so is the next-smallest group "
        + "whenever the hidden one could otherwise be worked out from the total.";

    // ---- the mentor's self-assessment ----

    public static readonly IReadOnlyList<AssessmentItemDto> AssessmentItems =
    [
        new("listening", "I listen more than I talk in our conversations."),
        new("questions", "I ask open questions that help my mentee find their own answers, rather than giving mine."),
        new("lead", "I let my mentee set the agenda and lead where we go."),
        new("feedback", "I give feedback that is specific, kind and useful."),
        new("follow-through", "We agreed how and when we keep in touch, and I keep to it."),
    ];

    public async Task<MyAssessmentDto?> MyAssessmentAsync(int programId, int personId, CancellationToken cancellationToken)
    {
        if (!await IsMentorAsync(programId, personId, cancellationToken))
        {
            return null;
        }
        var mine = await db.SelfAssessments.AsNoTracking().Where(s => s.ProgramId == programId && s.PersonId == personId).ToListAsync(cancellationToken);
        return new MyAssessmentDto(programId, AssessmentItems,
            mine.FirstOrDefault(s => s.Stage == AssessmentStage.Start)?.Scores, mine.FirstOrDefault(s => s.Stage == AssessmentStage.End)?.Scores);
    }

    public async Task<Outcome<MyAssessmentDto>> AssessAsync(int programId, int personId, AssessmentInput input, CancellationToken cancellationToken)
    {
        if (!await IsMentorAsync(programId, personId, cancellationToken))
        {
            return Outcome.NotFound();
        }
        var stage = ParseStage(input.Stage);
        var errors = new List<FieldError>();
        if (stage is null)
        {
            errors.Add(new FieldError("stage", "the stage is start or end"));
        }
        var scores = input.Scores ?? [];
        foreach (var item in AssessmentItems)
        {
            if (!scores.TryGetValue(item.Key, out var score) || score is < 1 or > 5)
            {
                errors.Add(new FieldError($"scores.{item.Key}", "each item is scored from 1 to 5"));
            }
        }
        foreach (var unknown in scores.Keys.Where(key => AssessmentItems.All(i => i.Key != key)))
        {
            errors.Add(new FieldError($"scores.{unknown}", "there is no such item"));
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        var row = await db.SelfAssessments.SingleOrDefaultAsync(s => s.ProgramId == programId && s.PersonId == personId && s.Stage == stage, cancellationToken);
        if (row is null)
        {
            row = new SelfAssessment { ProgramId = programId, PersonId = personId, Stage = stage!.Value };
            db.SelfAssessments.Add(row);
        }
        row.Scores = AssessmentItems.ToDictionary(i => i.Key, i => scores[i.Key]);
        row.SubmittedAt = clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken);
        return (await MyAssessmentAsync(programId, personId, cancellationToken))!;
    }

    /// <summary>The means at the start and the end, each only over at least k mentors; never one mentor's scores.</summary>
    public async Task<AssessmentSummaryDto?> AssessmentSummaryAsync(int programId, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId, cancellationToken);
        if (program is null)
        {
            return null;
        }
        var k = Math.Max(MentoringProgram.LowestSurveyMinimumGroup, program.SurveyMinimumGroup);
        var rows = await db.SelfAssessments.AsNoTracking().Where(s => s.ProgramId == programId).ToListAsync(cancellationToken);
        var start = rows.Where(r => r.Stage == AssessmentStage.Start).ToList();
        var end = rows.Where(r => r.Stage == AssessmentStage.End).ToList();
        double? Mean(List<SelfAssessment> set, string key) =>
            set.Count < k ? null : Math.Round(set.Where(s => s.Scores.ContainsKey(key)).Average(s => (double)s.Scores[key]), 2);
        var reason = start.Count < k || end.Count < k ? $"A stage with fewer than {k} mentors' self-assessments is hidden." : null;
        return new AssessmentSummaryDto(programId, k, start.Count, end.Count, start.Count < k, end.Count < k, reason,
            AssessmentItems.Select(i => new AssessmentMeanDto(i.Key, i.Text, Mean(start, i.Key), Mean(end, i.Key))).ToList());
    }

    // ---- helpers ----

    private Task<bool> IsMentorAsync(int programId, int personId, CancellationToken cancellationToken) =>
        db.Enrollments.AnyAsync(e => e.ProgramId == programId && e.PersonId == personId && e.Role == EnrollmentRole.Mentor, cancellationToken);

    /// <summary>Whether a course for <paramref name="audience"/> is for someone playing <paramref name="role"/> (or the sponsor).</summary>
    public static bool Fits(TrainingAudience audience, EnrollmentRole? role, bool sponsor) => audience switch
    {
        TrainingAudience.Mentor or TrainingAudience.ReverseMentor => role == EnrollmentRole.Mentor,
        TrainingAudience.Mentee => role == EnrollmentRole.Mentee,
        _ => sponsor,
    };

    private async Task<HashSet<int>> DoneAsync(int? personId, List<int> moduleIds, CancellationToken cancellationToken) =>
        personId is not { } me || moduleIds.Count == 0 ? []
            : (await db.ModuleCompletions.AsNoTracking().Where(c => c.PersonId == me && moduleIds.Contains(c.ModuleId)).Select(c => c.ModuleId)
                .ToListAsync(cancellationToken)).ToHashSet();

    /// <summary>The person's mentors and mentees in active mentorships: who reads what they share with their pair.</summary>
    private async Task<HashSet<int>> PartnersAsync(int personId, CancellationToken cancellationToken) =>
        (await db.Mentorships.AsNoTracking().Where(m => m.Status == MentorshipStatus.Active && (m.MentorId == personId || m.MenteeId == personId))
            .Select(m => m.MentorId == personId ? m.MenteeId : m.MentorId).ToListAsync(cancellationToken)).ToHashSet();

    /// <summary>The people enrolled with the person in a program that assigns the course: who reads what they share with their cohort.</summary>
    private async Task<HashSet<int>> CohortAsync(int personId, int courseId, CancellationToken cancellationToken)
    {
        var programs = db.ProgramTrainings.Where(t => t.CourseId == courseId).Select(t => t.ProgramId)
            .Where(p => db.Enrollments.Any(e => e.ProgramId == p && e.PersonId == personId));
        return (await db.Enrollments.AsNoTracking().Where(e => programs.Contains(e.ProgramId)).Select(e => e.PersonId).Distinct()
            .ToListAsync(cancellationToken)).ToHashSet();
    }

    private static ModuleDto ToDto(TrainingModule m, bool done) => new(
        m.Id, m.CourseId, m.Order, m.Title, m.Kind, m.Minutes, m.Body, TrainingMarkdown.ToHtml(m.Body), m.VideoUrl,
        m.Video is null ? null : $"/api/trainings/modules/{m.Id}/video", done,
        m.Questions.OrderBy(q => q.Order).Select(q => new QuestionDto(q.Id, q.Order, q.Text)).ToList());

    private static T? Parse<T>(string? text) where T : struct, Enum =>
        Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v =>
            string.Equals(System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()!), text?.Trim(), StringComparison.OrdinalIgnoreCase)
            || string.Equals(v.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static TrainingAudience? ParseAudience(string? text) => Parse<TrainingAudience>(text);

    public static TrainingModuleKind? ParseKind(string? text) => Parse<TrainingModuleKind>(text);

    public static AnswerVisibility? ParseVisibility(string? text) => Parse<AnswerVisibility>(text);

    public static AssessmentStage? ParseStage(string? text) => Parse<AssessmentStage>(text);
}

/// <summary>A video file sent with a form or a request, before it is checked.</summary>
public sealed record VideoUpload(string? FileName, string? ContentType, Stream Content, long Length);

/// <summary>What a deletion takes with it: modules, the people whose progress or answers go, their answers, and the running programs that assign the course.</summary>
public sealed record DeletionCost(int Modules, int People, int Answers, IReadOnlyList<string> AssigningPrograms)
{
    /// <summary>Why the course cannot be deleted now, if a running program assigns it.</summary>
    public string? Blocker(string title) => AssigningPrograms.Count == 0 ? null
        : $"“{title}” is assigned by {string.Join(", ", AssigningPrograms)}: take it off their training first.";

    /// <summary>The cost in a person's words, e.g. "its 3 modules, and the progress and 4 answers of 2 people".</summary>
    public string Describe(bool course)
    {
        var parts = course ? $"its {Modules} module{(Modules == 1 ? "" : "s")}" : "its questions and any video file";
        return People == 0 ? parts + "; nobody has started it yet"
            : $"{parts}, and the progress and {Answers} answer{(Answers == 1 ? "" : "s")} of {People} {(People == 1 ? "person" : "people")}";
    }
}
