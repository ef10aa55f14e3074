using Mentoring.Features.Reports;

namespace Mentoring.Tests.Reports;

/// <summary>Every statistic of the report against scipy and a Python transcription of the papers' formulas, to 1e-9.</summary>
public sealed class ReportStatisticsTests
{
    [Fact]
    public void Wilson_Newcombe_paired_Newcombe_and_Fisher_agree_with_an_independent_computation()
    {
        var random = new Random(14);
        var tables = new List<int[]>
        {
            // Edges: empty cells, whole columns, symmetric tables whose tail probabilities tie exactly.
            new[] { 0, 10, 0, 10 }, new[] { 10, 0, 10, 0 }, new[] { 5, 5, 5, 5 }, new[] { 3, 7, 7, 3 }, new[] { 0, 1, 1, 0 },
            new[] { 1, 0, 0, 0 }, new[] { 20, 0, 0, 20 }, new[] { 160, 20, 1041, 209 }, new[] { 37, 3, 1041, 209 }, new[] { 6, 4, 50, 50 },
            new[] { 1233, 237, 1200, 270 }, new[] { 0, 5, 5, 0 }, new[] { 2, 2, 2, 2 }, new[] { 12, 12, 30, 30 },
        };
        for (var i = 0; i < 150; i++)
        {
            var size = random.Next(2) == 0 ? 30 : 1500;
            tables.Add([random.Next(size), random.Next(size / 3), random.Next(size), random.Next(size / 3)]);
        }
        var gini = new List<int[]> { new[] { 0, 0, 0 }, new[] { 1, 1, 1 }, new[] { 0, 0, 5 }, Enumerable.Range(0, 40).Select(_ => random.Next(12)).ToArray() };

        var expected = Independent.Run(new { tables, gini });

        for (var i = 0; i < tables.Count; i++)
        {
            var (a, b, c, d) = (tables[i][0], tables[i][1], tables[i][2], tables[i][3]);
            var e = expected["tables"]![i]!;
            var what = $"table [[{a}, {b}], [{c}, {d}]]";
            Independent.Near(e["fisher"]!.GetValue<double>(), ReportStatistics.FisherExact(a, b, c, d), what + " Fisher p");
            if (a + b > 0)
            {
                Independent.Near(e["wilson"], ReportStatistics.Wilson(a, a + b)!.Value.ToArray(), what + " Wilson");
            }
            if (a + b > 0 && c + d > 0)
            {
                Independent.Near(e["newcombe"], ReportStatistics.NewcombeDifference(a, a + b, c, c + d)!.Value.ToArray(), what + " Newcombe");
            }
            if (a + b + c + d > 0)
            {
                Independent.Near(e["paired"], ReportStatistics.NewcombePaired(a, b, c, d)!.Value.ToArray(), what + " paired Newcombe");
            }
        }
        for (var i = 0; i < gini.Count; i++)
        {
            var e = expected["gini"]![i];
            var actual = ReportStatistics.Gini(gini[i]);
            if (e is null)
            {
                Assert.Null(actual);
            }
            else
            {
                Independent.Near(e.GetValue<double>(), actual, $"Gini of {string.Join(',', gini[i])}");
            }
        }
    }

    [Fact]
    public void One_hidden_segment_hides_the_next_smallest_too()
    {
        Assert.Equal([true, true, false], SmallGroups.Hide([3, 9, 20], 5));
        Assert.Equal([false, true, true, false], SmallGroups.Hide([12, 2, 6, 40], 5));
        // Two hidden already hide each other.
        Assert.Equal([true, true, false], SmallGroups.Hide([1, 2, 20], 5));
        Assert.Equal([false, false], SmallGroups.Hide([5, 6], 5));
    }
}
