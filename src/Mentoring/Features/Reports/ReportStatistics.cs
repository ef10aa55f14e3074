using System.Numerics;
using MathNet.Numerics;

namespace Mentoring.Features.Reports;

/// <summary>A 95% interval, low to high.</summary>
public readonly record struct Interval(double Low, double High)
{
    public double[] ToArray() => [Low, High];
}

/// <summary>
/// The report's statistics, written from the papers' formulas: Wilson's score interval, Newcombe's
/// hybrid score intervals for a difference of proportions (independent and paired, method 10 of
/// each 1998 paper), the two-sided Fisher exact test as scipy.stats.fisher_exact computes it, and
/// the Gini coefficient. Tests check each against an independent computation in Python.
/// </summary>
public static class ReportStatistics
{
    /// <summary>The normal quantile for 95%, to the digits scipy gives.</summary>
    public const double Z = 1.959963984540054;

    /// <summary>Wilson's score interval for <paramref name="x"/> of <paramref name="n"/>; null when n is 0.</summary>
    public static Interval? Wilson(int x, int n)
    {
        if (n <= 0)
        {
            return null;
        }
        double p = (double)x / n, z2 = Z * Z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2.0 * n)) / denominator;
        var half = Z / denominator * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new Interval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// Newcombe's hybrid score interval (method 10) for p1 − p2 of two independent proportions:
    /// D − √((p1−l1)² + (u2−p2)²) to D + √((u1−p1)² + (p2−l2)²), with Wilson's limits of each.
    /// </summary>
    public static Interval? NewcombeDifference(int x1, int n1, int x2, int n2)
    {
        if (Wilson(x1, n1) is not { } a || Wilson(x2, n2) is not { } b)
        {
            return null;
        }
        double p1 = (double)x1 / n1, p2 = (double)x2 / n2, d = p1 - p2;
        return new Interval(
            d - Math.Sqrt(Square(p1 - a.Low) + Square(b.High - p2)),
            d + Math.Sqrt(Square(a.High - p1) + Square(p2 - b.Low)));
    }

    /// <summary>
    /// Newcombe's interval (method 10 of "Improved confidence intervals for the difference between
    /// binomial proportions based on paired data", 1998) for p1 − p2 = (b − c)/n of n pairs, where
    /// a pairs have both yes, b the first only, c the second only, d neither. Wilson's limits of
    /// each margin are combined with the correlation φ = (ad − bc)/√((a+b)(c+d)(a+c)(b+d)), 0 when
    /// a margin is empty.
    /// </summary>
    public static Interval? NewcombePaired(int a, int b, int c, int d)
    {
        var n = a + b + c + d;
        if (Wilson(a + b, n) is not { } first || Wilson(a + c, n) is not { } second)
        {
            return null;
        }
        double p1 = (double)(a + b) / n, p2 = (double)(a + c) / n, diff = (double)(b - c) / n;
        var margins = (double)(a + b) * (c + d) * (a + c) * (b + d);
        var phi = margins == 0 ? 0 : ((double)a * d - (double)b * c) / Math.Sqrt(margins);
        double dl1 = p1 - first.Low, du1 = first.High - p1, dl2 = p2 - second.Low, du2 = second.High - p2;
        var lower = Square(dl1) - 2 * phi * dl1 * du2 + Square(du2);
        var upper = Square(du1) - 2 * phi * du1 * dl2 + Square(dl2);
        return new Interval(diff - Math.Sqrt(Math.Max(0, lower)), diff + Math.Sqrt(Math.Max(0, upper)));
    }

    /// <summary>
    /// The two-sided Fisher exact p-value of the table [[a, b], [c, d]], as scipy.stats.fisher_exact
    /// computes it: the sum of the hypergeometric probabilities of every table with the same margins
    /// that is no more probable than the observed one (with scipy's relative tolerance of 1e-14,
    /// so that exact ties count), capped at 1; 1 when a row or column is empty.
    /// </summary>
    public static double FisherExact(int a, int b, int c, int d)
    {
        if (a + b == 0 || c + d == 0 || a + c == 0 || b + d == 0)
        {
            return 1;
        }
        // Rows: group sizes n1 = a+b and n2 = c+d; draws: column total k = a+c; x = a.
        int n1 = a + b, n2 = c + d, k = a + c, total = n1 + n2;
        int low = Math.Max(0, k - n2), high = Math.Min(k, n1);
        var observed = LogPmf(a, n1, n2, k, total);
        var sum = 0.0;
        for (var x = low; x <= high; x++)
        {
            var log = LogPmf(x, n1, n2, k, total);
            if (NoMoreProbable(x, log, a, observed, n1, n2, k))
            {
                sum += Math.Exp(log);
            }
        }
        return Math.Min(1, sum);
    }

    // Floating point decides all but near-ties; a near-tie is decided exactly, as scipy's tolerance
    // (1e-14, far below any real difference between two of these probabilities) means it to be.
    private static bool NoMoreProbable(int x, double log, int observedX, double observedLog, int n1, int n2, int k)
    {
        if (x == observedX)
        {
            return true;
        }
        var gap = log - observedLog;
        if (gap < -1e-7)
        {
            return true;
        }
        if (gap > 1e-7)
        {
            return false;
        }
        return Binomial(n1, x) * Binomial(n2, k - x) <= Binomial(n1, observedX) * Binomial(n2, k - observedX);
    }

    private static double LogPmf(int x, int n1, int n2, int k, int total) =>
        LogBinomial(n1, x) + LogBinomial(n2, k - x) - LogBinomial(total, k);

    private static double LogBinomial(int n, int r) =>
        SpecialFunctions.FactorialLn(n) - SpecialFunctions.FactorialLn(r) - SpecialFunctions.FactorialLn(n - r);

    private static BigInteger Binomial(int n, int r)
    {
        r = Math.Min(r, n - r);
        BigInteger result = BigInteger.One;
        for (var i = 1; i <= r; i++)
        {
            result = result * (n - r + i) / i;
        }
        return result;
    }

    /// <summary>The Gini coefficient of the values (0: all equal); null when there are none or all are 0.</summary>
    public static double? Gini(IReadOnlyList<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }
        var sorted = values.OrderBy(v => v).ToArray();
        double total = 0, weighted = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            total += sorted[i];
            weighted += (i + 1.0) * sorted[i];
        }
        if (total == 0)
        {
            return null;
        }
        var n = sorted.Length;
        return 2 * weighted / (n * total) - (n + 1.0) / n;
    }

    /// <summary>The median (the mean of the two middle values when the count is even); null when empty.</summary>
    public static double? Median(IReadOnlyList<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }
        var sorted = values.OrderBy(v => v).ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    private static double Square(double value) => value * value;
}
