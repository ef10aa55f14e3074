using Mentoring.Domain;
using Mentoring.Features.People;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Mentoring.Features.Profiles;

/// <summary>My profile: the signed-in person edits their own profile, through the same rules as <c>PUT /api/me/profile</c>.</summary>
public sealed class EditModel(CurrentPerson current, ProfileService profiles) : PageModel
{
    public static IReadOnlyDictionary<string, string> FormatNames { get; } = new Dictionary<string, string>
    {
        [ActivityFormats.Lunch] = "Lunch with a senior colleague",
        [ActivityFormats.GroupLunch] = "Group lunch",
        [ActivityFormats.GroupMentoring] = "Group mentoring",
        [ActivityFormats.Coworking] = "Coworking at the office",
        [ActivityFormats.VirtualCoffee] = "Virtual coffee",
        [ActivityFormats.VirtualCoworking] = "Virtual coworking",
        [ActivityFormats.VirtualCheckin] = "Video check-in",
    };

    public static IReadOnlyDictionary<string, string> ChannelNames { get; } = new Dictionary<string, string>
    {
        [ContactChannels.Email] = "E-mail",
        [ContactChannels.Slack] = "Slack",
        [ContactChannels.Teams] = "Microsoft Teams",
    };

    // The field names the service reports, mapped to this form's inputs.
    private static readonly Dictionary<string, string> FieldKeys = new()
    {
        ["interests"] = nameof(Interests), ["skills"] = nameof(Skills), ["values"] = nameof(Values),
        ["hopesToGet"] = nameof(HopesToGet), ["hopesToGive"] = nameof(HopesToGive), ["languages"] = nameof(Languages),
        ["timeZone"] = nameof(TimeZone), ["workdayStart"] = nameof(WorkdayStart), ["workdayEnd"] = nameof(WorkdayEnd),
        ["preferredFormats"] = nameof(PreferredFormats), ["channels"] = nameof(Channels),
    };

    public ProfileDto? Profile { get; private set; }

    [BindProperty] public string? Interests { get; set; }
    [BindProperty] public string? Skills { get; set; }
    [BindProperty] public string? Values { get; set; }
    [BindProperty] public string? HopesToGet { get; set; }
    [BindProperty] public string? HopesToGive { get; set; }
    [BindProperty] public string? Languages { get; set; }
    [BindProperty] public string? TimeZone { get; set; }
    [BindProperty] public string? WorkdayStart { get; set; }
    [BindProperty] public string? WorkdayEnd { get; set; }
    [BindProperty] public List<string> PreferredFormats { get; set; } = [];
    [BindProperty] public List<string> Channels { get; set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public IEnumerable<string> TimeZones => DateTimeZoneProviders.Tzdb.Ids;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await current.IdAsync(cancellationToken) is not { } id || (await profiles.GetAsync(id, cancellationToken)).Value is not { } profile)
        {
            return Page();
        }
        Profile = profile;
        Interests = Joined(profile.Interests);
        Skills = Joined(profile.Skills);
        Values = Joined(profile.Values);
        HopesToGet = Joined(profile.HopesToGet);
        HopesToGive = Joined(profile.HopesToGive);
        Languages = Joined(profile.Languages);
        TimeZone = profile.TimeZone;
        WorkdayStart = profile.WorkdayStart;
        WorkdayEnd = profile.WorkdayEnd;
        PreferredFormats = [.. profile.PreferredFormats];
        Channels = [.. profile.Channels];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await current.IdAsync(cancellationToken) is not { } id)
        {
            return RedirectToPage();
        }
        var saved = await profiles.SaveAsync(id, new ProfileInput
        {
            Interests = Split(Interests), Skills = Split(Skills), Values = Split(Values),
            HopesToGet = Split(HopesToGet), HopesToGive = Split(HopesToGive), Languages = Split(Languages),
            TimeZone = TimeZone, WorkdayStart = WorkdayStart, WorkdayEnd = WorkdayEnd,
            PreferredFormats = PreferredFormats, Channels = Channels,
        }, cancellationToken);
        if (!saved.Succeeded)
        {
            ModelState.AddErrors(saved, "", FieldKeys);
            Profile = (await profiles.GetAsync(id, cancellationToken)).Value;
            return Page();
        }
        StatusMessage = "Your profile is saved. Matching and scheduling use it from now on.";
        return RedirectToPage();
    }

    private static string Joined(IReadOnlyList<string> items) => string.Join("; ", items);

    private static List<string> Split(string? text) => string.IsNullOrWhiteSpace(text) ? [] : RosterImporter.SplitList(text);
}
