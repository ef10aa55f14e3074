using Mentoring.Engine.Matching;

namespace Mentoring.Engine.Tests.Matching;

public class ScoreTextTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("-0", 0)]
    [InlineData("-0.0e7", 0)]
    [InlineData("1", 10_000)]
    [InlineData("1.0000000", 10_000)]
    [InlineData("0.8125", 8125)]
    [InlineData("0.5", 5000)]
    [InlineData("0.50000", 5000)]
    [InlineData("0.0001", 1)]
    [InlineData("1e-4", 1)]
    [InlineData("1E-4", 1)]
    [InlineData("12.5e-2", 1250)]
    [InlineData("0.001e1", 100)]
    [InlineData("10e-1", 10_000)]
    [InlineData("0.00000000000000000000001e19", 1)]
    public void Reads_valid_scores_exactly(string text, int units)
    {
        Assert.Equal(ScoreText.Outcome.Ok, ScoreText.Parse(System.Text.Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(units, value);
    }

    [Theory]
    [InlineData("0.12345")]
    [InlineData("1e-5")]
    [InlineData("0.00001")]
    [InlineData("0.99999")]
    [InlineData("0.1234500000001")]
    public void Refuses_more_than_four_decimals(string text)
    {
        Assert.Equal(ScoreText.Outcome.TooManyDecimals, ScoreText.Parse(System.Text.Encoding.ASCII.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("1.0001")]
    [InlineData("1.00001")]
    [InlineData("2")]
    [InlineData("10")]
    [InlineData("1e1")]
    [InlineData("1e400")]
    [InlineData("-0.5")]
    [InlineData("-1e-9")]
    [InlineData("100000000000000000000000")]
    public void Refuses_scores_outside_zero_to_one(string text)
    {
        Assert.Equal(ScoreText.Outcome.OutOfRange, ScoreText.Parse(System.Text.Encoding.ASCII.GetBytes(text), out _));
    }
}
