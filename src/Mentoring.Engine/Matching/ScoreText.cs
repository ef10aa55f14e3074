using System.Runtime.CompilerServices;
namespace Mentoring.Engine.Matching;

/// <summary>
/// Reads a score from the text of a JSON number, exactly: the contract allows scores in [0, 1]
/// with at most 4 decimals, so <c>0.12345</c> is refused while <c>1e-4</c> and <c>0.50000</c> are
/// 0.0001 and 0.5. Going through a double would blur both rules.
/// </summary>
internal static class ScoreText
{
    internal enum Outcome
    {
        Ok,
        OutOfRange,
        TooManyDecimals,
    }

    /// <summary>
    /// Parses <paramref name="number"/> (a token that the JSON reader has already checked is a
    /// valid JSON number) into units of 10^-4.
    /// </summary>
    // Hot path of a one-shot run: see MatchCommand on AggressiveOptimization.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Outcome Parse(ReadOnlySpan<byte> number, out int units)
    {
        units = 0;
        var i = 0;
        var negative = number[0] == '-';
        if (negative)
        {
            i++;
        }

        // Significant digits run from the first non-zero digit. Only the first few matter: a
        // score with more than 5 significant digits (trailing zeros aside) is refused anyway.
        const int Kept = 9;
        var lead = 0;            // the first up-to-Kept significant digits
        var significant = 0;     // significant digits seen, trailing zeros included
        var lastNonZero = -1;    // index of the last non-zero significant digit
        var firstExponent = 0;   // power of ten of the first significant digit (before any e±x)
        var integerDigitsAfterFirst = 0;
        var fractionPosition = 0;
        var inFraction = false;
        for (; i < number.Length; i++)
        {
            var c = number[i];
            if (c == '.')
            {
                inFraction = true;
                continue;
            }
            if (c is (byte)'e' or (byte)'E')
            {
                break;
            }
            var digit = c - '0';
            if (inFraction)
            {
                fractionPosition++;
            }
            if (significant == 0)
            {
                if (digit == 0)
                {
                    continue;
                }
                firstExponent = inFraction ? -fractionPosition : 0;
            }
            else if (!inFraction)
            {
                integerDigitsAfterFirst++;
            }
            if (significant < Kept)
            {
                lead = lead * 10 + digit;
            }
            if (digit != 0)
            {
                lastNonZero = significant;
            }
            significant++;
        }
        if (significant == 0)
        {
            return Outcome.Ok;   // 0, -0, 0.000, 0e5 …
        }
        if (negative)
        {
            return Outcome.OutOfRange;
        }
        firstExponent += integerDigitsAfterFirst;
        if (i < number.Length)
        {
            firstExponent += ReadExponent(number[(i + 1)..]);
        }

        // The value is D × 10^last, D having `digits` digits and no trailing zero.
        var digits = lastNonZero + 1;
        var last = firstExponent - digits + 1;
        if (firstExponent > 0 || (firstExponent == 0 && (digits > 1 || lead / Pow10(Math.Min(significant, Kept) - 1) > 1)))
        {
            return Outcome.OutOfRange;    // ≥ 10, or in (1, 10)
        }
        if (last < -4)
        {
            return Outcome.TooManyDecimals;
        }
        var d = lead / Pow10(Math.Min(significant, Kept) - digits);
        units = d * Pow10(last + 4);
        return Outcome.Ok;
    }

    /// <summary>The exponent after e/E, clamped far beyond anything that could still matter.</summary>
    private static int ReadExponent(ReadOnlySpan<byte> text)
    {
        var sign = 1;
        var i = 0;
        if (text[0] is (byte)'+' or (byte)'-')
        {
            sign = text[0] == '-' ? -1 : 1;
            i++;
        }
        var value = 0;
        for (; i < text.Length; i++)
        {
            value = Math.Min(value * 10 + (text[i] - '0'), 100_000_000);
        }
        return sign * value;
    }

    private static int Pow10(int exponent)
    {
        var value = 1;
        for (var k = 0; k < exponent; k++)
        {
            value *= 10;
        }
        return value;
    }
}
