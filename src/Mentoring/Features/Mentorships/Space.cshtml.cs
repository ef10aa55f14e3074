using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Mentoring.Features.Mentorships;

/// <summary>
/// A pair's space, for its mentor and its mentee only (anyone else is told it does not exist): the
/// plan, check-ins, goals, sessions, action items, notes, reflections, fit check and close-out,
/// through the same service as the API, so a private note stays its author's here too.
/// </summary>
public sealed class SpaceModel(CurrentPerson current, MentorshipSpaceService space, Dialogues.DialogueLibrary dialogues, NodaTime.IClock clock)
    : SpacePageModel(current, space, dialogues, clock)
{
    public SpaceDto? Space { get; private set; }

    public IReadOnlyList<FitDto> MyFit { get; private set; } = [];

    public override SpaceWords Words => SpaceWords.Pair;

    protected override SpaceKey Key(int id) => SpaceKey.Pair(id);

    protected override string PathOf(int id) => $"/Mentorships/{id}";

    protected override async Task<SpaceView?> FindAsync(int id, int personId, CancellationToken ct)
    {
        if ((await Service.SpaceAsync(id, personId, ct)).Value is not { } pair)
        {
            return null;
        }
        Space = pair;
        MyFit = (await Service.MyFitAsync(id, personId, ct)).Value ?? [];
        return new SpaceView(pair.Id, pair.Me.Id, pair.Me.TimeZone, pair.Started, pair.Status,
            new Dictionary<int, string> { [pair.Mentor.Id] = pair.Mentor.Name, [pair.Mentee.Id] = pair.Mentee.Name }, [pair.Other],
            CalendarAction: PathOf(pair.Id));
    }

    public async Task<IActionResult> OnGetCalendarAsync(int id, string? callLink)
    {
        if (await Current.IdAsync(HttpContext.RequestAborted) is not { } personId)
        {
            return NotFound();
        }
        var ics = await Service.CheckInCalendarAsync(id, personId, callLink, HttpContext.RequestAborted);
        return ics.Succeeded ? File(System.Text.Encoding.UTF8.GetBytes(ics.Value!), "text/calendar", $"check-in-{id}.ics") : NotFound();
    }

    public Task<IActionResult> OnPostFitAsync(int id, FitInput fit, CancellationToken ct) =>
        ActAsync(id, "fit", fit.Answer == FitVerdict.NotGood
            ? "Thank you for saying so. Your program admin will offer a new match; what you wrote stays with you."
            : "Thank you for your answer.", p => Service.AnswerFitAsync(id, p, fit, ct));

    public Task<IActionResult> OnPostCloseAsync(int id, CloseInput close, CancellationToken ct) =>
        ActAsync(id, "close", "The mentorship has ended. What you achieved stays here for the two of you.", p => Service.CloseAsync(id, p, close, ct));
}
