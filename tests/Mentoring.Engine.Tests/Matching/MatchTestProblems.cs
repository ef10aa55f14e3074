using System.Globalization;
using System.Text;
using Mentoring.Engine.Matching;

namespace Mentoring.Engine.Tests.Matching;

/// <summary>Small random match problems, as models and as JSON.</summary>
internal static class MatchTestProblems
{
    /// <summary>
    /// A random problem: capacities 0..3, priorities with many ties, scores from a short list
    /// (ties again) or at 4 random decimals, and each mentor/mentee pair allowed with some chance.
    /// </summary>
    public static MatchProblem Random(Random random, int maxMentors, int maxMentees)
    {
        var mentors = random.Next(0, maxMentors + 1);
        var mentees = random.Next(0, maxMentees + 1);
        var capacities = Enumerable.Range(0, mentors).Select(_ => random.Next(0, 4)).ToArray();
        byte[] priorityChoices = [0, 0, 1, 9, 9, 3];
        var priorities = Enumerable.Range(0, mentees).Select(_ => priorityChoices[random.Next(priorityChoices.Length)]).ToArray();
        var tiedScores = random.Next(2) == 0;
        int[] scoreChoices = [0, 2500, 5000, 10_000];
        var density = random.NextDouble();
        List<int> pairMentee = [], pairMentor = [], pairScore = [];
        for (var e = 0; e < mentees; e++)
        {
            for (var m = 0; m < mentors; m++)
            {
                if (random.NextDouble() < density)
                {
                    pairMentee.Add(e);
                    pairMentor.Add(m);
                    pairScore.Add(tiedScores ? scoreChoices[random.Next(scoreChoices.Length)] : random.Next(0, 10_001));
                }
            }
        }
        return new MatchProblem(
            Enumerable.Range(0, mentors).Select(m => $"m{m}").ToArray(),
            capacities,
            Enumerable.Range(0, mentees).Select(e => $"e{e}").ToArray(),
            priorities,
            MenteePairs.Group(mentees, [.. pairMentee], [.. pairMentor], [.. pairScore]));
    }

    public static string ToJson(MatchProblem problem)
    {
        var json = new StringBuilder();
        json.Append("{\"mentors\":[");
        json.AppendJoin(',', problem.MentorIds.Select((id, m) => $"{{\"id\":\"{id}\",\"capacity\":{problem.Capacities[m]}}}"));
        json.Append("],\"mentees\":[");
        json.AppendJoin(',', problem.MenteeIds.Select((id, e) => $"{{\"id\":\"{id}\",\"priority\":{problem.Priorities[e]}}}"));
        json.Append("],\"pairs\":[");
        var pairs = new List<string>();
        for (var e = 0; e < problem.MenteeCount; e++)
        {
            for (var k = problem.Pairs.Start[e]; k < problem.Pairs.Start[e + 1]; k++)
            {
                var score = (problem.Pairs.Score[k] / 10_000m).ToString(CultureInfo.InvariantCulture);
                pairs.Add($"{{\"mentor\":\"{problem.MentorIds[problem.Pairs.Mentor[k]]}\",\"mentee\":\"{problem.MenteeIds[e]}\",\"score\":{score}}}");
            }
        }
        json.AppendJoin(',', pairs);
        json.Append("]}");
        return json.ToString();
    }
}
