using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Training;

/// <summary>The starter course the product ships for mentors, seeded with the demo and assigned to its programs.</summary>
public static class TrainingDemo
{
    public const string StarterKey = "starter-mentor";

    public static async Task SeedAsync(MentoringDbContext db, IClock clock, IEnumerable<int> programIds, CancellationToken cancellationToken)
    {
        if (await db.TrainingCourses.AnyAsync(c => c.Key == StarterKey, cancellationToken))
        {
            return;
        }
        var course = Starter(clock.GetCurrentInstant());
        db.TrainingCourses.Add(course);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var programId in programIds)
        {
            // Assigned, not required: the demo's programs are already under way.
            db.ProgramTrainings.Add(new ProgramTraining { ProgramId = programId, CourseId = course.Id });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public static TrainingCourse Starter(Instant now) => new()
    {
        Key = StarterKey,
        Title = "Starting as a mentor",
        Summary = "Four short reads for your first weeks: what a mentor is for, your first session and the plan you agree, running a coworking session, and reverse mentoring an executive.",
        Audience = TrainingAudience.Mentor,
        CreatedAt = now,
        Modules =
        [
            Module(1, "Being a mentor: listen more than you advise", 6, BeingAMentor,
                "Think of someone who helped you grow. What did they do that made the difference: what they told you, or how they listened?",
                "In your next session, what will you do when you feel the urge to give the answer?"),
            Module(2, "The first session and your Communications and Expectations Plan", 7, FirstSession,
                "What do you want your mentee to feel when they leave the first session?",
                "Which channel and cadence would you propose for your check-ins, and what would you do if a week is missed?"),
            Module(3, "Running a coworking session: check in every half hour", 5, Coworking,
                "What will you ask at each half-hour check-in so that it takes two minutes and still helps?",
                "Who in your group is least likely to ask for help, and how will you make it easy for them?"),
            Module(4, "Reverse mentoring an executive", 6, ReverseMentoring,
                "What do you know from your work that your executive cannot easily see from where they sit?",
                "What would make it safe for you to be candid, and how will you ask for it in your first session?"),
        ],
    };

    private static TrainingModule Module(int order, string title, int minutes, string body, params string[] questions) => new()
    {
        Order = order, Title = title, Kind = TrainingModuleKind.Article, Minutes = minutes, Body = body.Trim(),
        Questions = questions.Select((q, i) => new DiscussionQuestion { Order = i + 1, Text = q }).ToList(),
    };

    private const string BeingAMentor = """
Your mentee does not need you to have all the answers. They need someone with more experience who is on their side, has time for them, and helps them think.

## Listen more than you advise

The strongest habit of good mentors is restraint. When your mentee describes a problem, the answer may seem obvious to you: you have seen it before. Giving it straight away feels helpful, but it teaches them to bring problems to you rather than to think them through. Try this instead:

- **Ask before you tell.** "What have you tried?" "What options do you see?" "What would you do if I weren't here?"
- **Let silence work.** Count to five after a question. The second answer is often the honest one.
- **Reflect back what you heard.** "So the deadline isn't the problem, it's that you don't know who decides?" It shows you listened and often untangles the problem by itself.
- **Offer your experience as a story, not a rule.** "When this happened to me, I…" leaves them free to choose differently.

A rough guide: in a good session your mentee talks for two thirds of the time.

## Let the mentee lead

The mentorship is for your mentee's goals, not yours. Ask them to bring the agenda. If they come with nothing, ask what has been on their mind this week, or go back to the goals you agreed. Resist steering towards the topics you find interesting.

Your part is to be reliable (turn up, on time, as agreed), curious, and honest. When you disagree, say so kindly and explain why, then let them decide.

## What you are not

You are not their manager, and what they tell you is not a performance review. Keep what they share in confidence unless someone is at risk. If they need help you cannot give (their manager, HR, a specialist), help them find it.
""";

    private const string FirstSession = """
The first session sets the tone for the months ahead. Keep it relaxed, and leave it with a plan you both agreed.

## Before you meet

Read your mentee's profile and goals in the app, and why you were matched. Pick a place that suits both of you: a quiet corner on an office day you both planned, or a video call with cameras on. Book an hour.

## In the session

1. **Get to know each other.** Try the three-minute life story from the guided dialogues: each of you tells your story in three minutes, on a timer. It is quick, it is fair, and it breaks the ice.
2. **Talk about goals.** What does your mentee want from the next few months? Help them put one or two goals into words they can measure ("lead a design review by March" rather than "get better at design").
3. **Agree the Communications and Expectations Plan.** In the pair's space, fill it in together:
   - how often you check in (weekly is the default: short, even ten minutes),
   - on which channels (chat, video, in person on shared office days),
   - when you meet properly, and where,
   - what each of you can expect from the other: how quickly you answer, what is confidential, what to do if a week is missed.
4. **Both confirm the plan.** The app asks each of you to confirm it. Once confirmed, check-ins follow it, and a gentle nudge goes out when a pair goes quiet.

## After the session

Write a private note about what you learnt and what you want to follow up. Send a short message thanking your mentee and naming the next date. The first follow-up matters more than the first session: it shows you meant it.
""";

    private const string Coworking = """
A coworking session puts you and a few juniors in one room (or one video call) for a couple of hours, each on their own work. It gives them what the office used to give by chance: a senior nearby who notices when they are stuck.

## Set it up

- Book a room with enough desks, or a video call everyone can leave open.
- Start with five minutes round the table: what is each person working on, and what would make today a good day?
- Agree the rhythm: **you check in every half hour**. The app's coworking plan gives you the times; put them in your calendar.

## The half-hour check-in

Keep each one short: two or three minutes per person, at their desk or in a breakout room. Ask:

- "How is it going?"
- "Anything in your way?"
- "Anything you'd like me to look at before the next check-in?"

If someone is stuck, spend a few minutes together; if it needs longer, agree a time after the session rather than letting the round stall. Then go back to your own work. You are a presence, not a supervisor.

## Reach the quiet ones

The people who most need help are often the least likely to ask. Go to everyone at every check-in, not only to those who wave. A question asked privately ("Can I see what you're on?") is easier to answer than one asked in front of the group.

## Close

Finish with a five-minute round: what did each person get done, and what is next? Log the session so the program counts it.
""";

    private const string ReverseMentoring = """
In reverse mentoring a junior colleague mentors an executive: on how the company looks from the front line, on new tools and ways of working, on what customers and younger colleagues expect. It works when both take it seriously, and it starts small: as a pilot with one pair, one team or one department, with the CEO or another executive as its champion.

## If you are the mentor

You were chosen because you see what your executive does not. Your value is candour. That can feel risky when the person opposite decides on budgets and promotions, so:

- **Agree the rules first.** In the first session, ask for what you need: that what you say stays between you, that no question is off-limits, that disagreement is welcome.
- **Bring specifics.** "The expense tool takes me 40 minutes a claim" lands better than "our tools are slow". Show, don't tell: share your screen, walk the floor together.
- **Prepare a topic each time**, and let your executive add theirs.
- **You lead the sessions.** The usual roles are reversed; your executive is there to learn.

## If you are the executive

Come as a learner. Turn up on time and protect the slot: cancelling tells your mentor, and everyone they talk to, that it does not matter. Ask questions, and resist defending decisions in the session; note what you heard and come back to it. Say what you changed because of it. Nothing builds trust faster.

## Keep it evaluated

The pilot is judged on its success criteria and on the surveys at its start, middle and end. Fill them in: they decide whether the program grows.
""";
}
