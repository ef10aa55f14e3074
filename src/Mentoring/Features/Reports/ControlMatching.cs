using Mentoring.Engine.Matching;

namespace Mentoring.Features.Reports;

/// <summary>
/// The adjusted comparison's pairs: each enrolled person with at most one non-participant of the
/// same level and department, as near as possible in tenure, with the most pairs. The exact
/// matching engine solves each level-and-department cell: non-participants of one tenure form one
/// "mentor" whose capacity is their count, and the score is the nearness in tenure, so the engine's
/// objective (most matched, then the highest score sum) is the most pairs with the least total gap.
/// Within a tenure, people are handed out in id order, so the same store gives the same pairs.
/// </summary>
internal static class ControlMatching
{
    public static List<(ReportPerson Participant, ReportPerson Control)> Pair(IReadOnlyList<ReportPerson> enrolled, IReadOnlyList<ReportPerson> others)
    {
        var controlsByCell = others.GroupBy(p => (p.Level, p.Department)).ToDictionary(g => g.Key, g => g.ToList());
        var cells = enrolled.GroupBy(p => (p.Level, p.Department)).OrderBy(g => g.Key.Level).ThenBy(g => g.Key.Department, StringComparer.Ordinal)
            .Select(cell => (Participants: cell.OrderBy(p => p.Id).ToList(), Controls: controlsByCell.GetValueOrDefault(cell.Key)))
            .Where(cell => cell.Controls is not null).ToList();
        // The cells are independent problems: solved side by side, their pairs kept in the cells' order.
        var pairsOfCell = new List<(ReportPerson, ReportPerson)>[cells.Count];
        Parallel.For(0, cells.Count, i => pairsOfCell[i] = PairCell(cells[i].Participants, cells[i].Controls!));
        return pairsOfCell.SelectMany(p => p).ToList();
    }

    private static List<(ReportPerson Participant, ReportPerson Control)> PairCell(List<ReportPerson> participants, List<ReportPerson> controls)
    {
        var pairs = new List<(ReportPerson, ReportPerson)>();
        var buckets = controls.GroupBy(c => c.Tenure).OrderBy(g => g.Key ?? double.MinValue)
            .Select(g => new Queue<ReportPerson>(g.OrderBy(c => c.Id))).ToList();
        var known = participants.Select(p => p.Tenure).Concat(controls.Select(c => c.Tenure)).Where(t => t is not null).Select(t => t!.Value).ToList();
        var range = known.Count == 0 ? 0 : known.Max() - known.Min();
        var candidates = new List<MatchCandidate>(participants.Count * buckets.Count);
        for (var e = 0; e < participants.Count; e++)
        {
            for (var b = 0; b < buckets.Count; b++)
            {
                var tenure = buckets[b].Peek().Tenure;
                var score = participants[e].Tenure is { } mine && tenure is { } theirs ? 1 - Math.Abs(mine - theirs) / (range + 1) : 0;
                candidates.Add(new MatchCandidate(b, e, Math.Clamp(score, 0, 1)));
            }
        }
        var solution = MatchingEngine.Solve(buckets.Select(b => b.Count).ToList(), new int[participants.Count], candidates);
        for (var e = 0; e < participants.Count; e++)
        {
            if (solution.MentorOfMentee[e] is var b and >= 0)
            {
                pairs.Add((participants[e], buckets[b].Dequeue()));
            }
        }
        return pairs;
    }
}
