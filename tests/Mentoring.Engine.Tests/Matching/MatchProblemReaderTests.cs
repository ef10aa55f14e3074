using System.Text;
using Mentoring.Engine.Matching;

namespace Mentoring.Engine.Tests.Matching;

public class MatchProblemReaderTests
{
    private const string Mentors = "\"mentors\": [{\"id\": \"m1\", \"capacity\": 2}, {\"id\": \"m2\", \"capacity\": 0}]";
    private const string Mentees = "\"mentees\": [{\"id\": \"e1\", \"priority\": 3}, {\"id\": \"e2\"}]";

    [Fact]
    public void Reads_pairs_given_before_the_people_with_escaped_ids_and_unknown_fields()
    {
        var problem = Read("""
            { "comment": { "nested": [1, 2, {"x": null}] },
              "pairs": [ { "mentee": "e\u0032", "score": 0.25, "mentor": "\u006d1", "note": "ok" },
                         { "mentor": "m2", "mentee": "e1", "score": 1 } ],
              "mentors": [ { "id": "m1", "capacity": 2.0 }, { "id": "m2", "capacity": 0 } ],
              "mentees": [ { "id": "e1", "priority": 9 }, { "id": "e2" } ],
              "timeLimitSeconds": 2.5 }
            """);
        Assert.Equal(["m1", "m2"], problem.MentorIds);
        Assert.Equal([2, 0], problem.Capacities);
        Assert.Equal(["e1", "e2"], problem.MenteeIds);
        Assert.Equal([9, 0], problem.Priorities);
        Assert.Equal(2.5, problem.TimeLimitSeconds);
        // Grouped by mentee: e1 has (m2, 1), e2 has (m1, 0.25).
        Assert.Equal([0, 1, 2], problem.Pairs.Start);
        Assert.Equal([1, 0], problem.Pairs.Mentor);
        Assert.Equal([10_000, 2500], problem.Pairs.Score);
    }

    [Theory]
    [InlineData("[]", "(root): expected a JSON object")]
    [InlineData("{\"mentors\": {}, \"mentees\": [], \"pairs\": []}", "mentors: expected an array, got an object")]
    [InlineData("{\"mentors\": [], \"mentors\": [], \"mentees\": [], \"pairs\": []}", "mentors: given twice")]
    [InlineData("{\"mentors\": [3], \"mentees\": [], \"pairs\": []}", "mentors[0]: expected an object, got a number")]
    [InlineData("{\"mentors\": [{\"capacity\": 1}], \"mentees\": [], \"pairs\": []}", "mentors[0].id: missing")]
    [InlineData("{\"mentors\": [{\"id\": \"m1\"}], \"mentees\": [], \"pairs\": []}", "mentors[0].capacity: missing")]
    [InlineData("{\"mentors\": [{\"id\": 7, \"capacity\": 1}], \"mentees\": [], \"pairs\": []}", "mentors[0].id: expected a string, got a number")]
    [InlineData("{\"mentors\": [{\"id\": \"\", \"capacity\": 1}], \"mentees\": [], \"pairs\": []}", "mentors[0].id: empty")]
    [InlineData("{\"mentors\": [{\"id\": \"m1\", \"capacity\": 1e30}], \"mentees\": [{\"id\": \"e1\"}, {\"id\": \"e1\"}], \"pairs\": []}", "mentees[1].id: duplicate id \"e1\"")]
    [InlineData("{\"mentors\": [], \"mentees\": [{\"id\": \"e1\", \"priority\": -1}], \"pairs\": []}", "mentees[0].priority: -1 is outside 0..9")]
    [InlineData("{\"mentors\": [], \"mentees\": [{\"id\": \"e1\", \"priority\": 2.5}], \"pairs\": []}", "mentees[0].priority: 2.5 is not an integer")]
    [InlineData("{\"mentors\": [], \"mentees\": [{\"id\": \"e1\", \"priority\": 1e99}], \"pairs\": []}", "mentees[0].priority: 1e99 is outside 0..9")]
    [InlineData("{\"mentors\": [], \"mentees\": [], \"pairs\": [], \"timeLimitSeconds\": -3}", "timeLimitSeconds: -3 is not positive")]
    [InlineData("{\"mentors\": [], \"mentees\": [], \"pairs\": [], \"timeLimitSeconds\": \"60\"}", "timeLimitSeconds: expected a number, got a string")]
    [InlineData("{\"mentors\": [], \"mentees\": [], \"pairs\": {}", "pairs: expected an array, got an object")]
    [InlineData("{\"mentors\": [], \"mentees\": []", "invalid JSON at line 1, position ")]
    [InlineData("{\"mentors\": [], \"mentees\": [], \"pairs\": []} []", "invalid JSON at line 1, position 45:")]
    [InlineData("{\"mentors\": [{\"id\": \"a\", \"id\": \"b\", \"capacity\": 1}], \"mentees\": [], \"pairs\": []}", "mentors[0].id: given twice")]
    public void Refuses_invalid_problems_naming_the_field(string json, string message)
    {
        var error = Assert.Throws<EngineInputException>(() => Read(json));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("{\"mentor\": \"m1\", \"mentee\": \"e9\", \"score\": 0.5}", "pairs[1].mentee: unknown mentee id \"e9\"")]
    [InlineData("{\"mentor\": \"m1\", \"mentee\": \"e2\"}", "pairs[1].score: missing")]
    [InlineData("{\"mentee\": \"e2\", \"score\": 0.5}", "pairs[1].mentor: missing")]
    [InlineData("{\"mentor\": \"m1\", \"score\": 0.5}", "pairs[1].mentee: missing")]
    [InlineData("{\"mentor\": 1, \"mentee\": \"e2\", \"score\": 0.5}", "pairs[1].mentor: expected a string id, got a number")]
    [InlineData("{\"mentor\": \"m1\", \"mentee\": \"e2\", \"score\": \"0.5\"}", "pairs[1].score: expected a number, got a string")]
    [InlineData("{\"mentor\": \"m1\", \"mentee\": \"e2\", \"score\": 1.00001}", "pairs[1].score: 1.00001 is outside [0, 1]")]
    [InlineData("{\"mentor\": \"m\\n1\", \"mentee\": \"e2\", \"score\": 0.5}", "pairs[1].mentor: unknown mentor id \"m\\n1\"")]
    public void Refuses_invalid_pairs_naming_the_pair(string secondPair, string message)
    {
        var json = $"{{{Mentors}, {Mentees}, \"pairs\": [{{\"mentor\": \"m1\", \"mentee\": \"e1\", \"score\": 0}}, {secondPair}]}}";
        var error = Assert.Throws<EngineInputException>(() => Read(json));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Names_the_first_repeat_of_a_pair_in_input_order()
    {
        var json = $"{{{Mentors}, {Mentees}, \"pairs\": [" +
            "{\"mentor\": \"m2\", \"mentee\": \"e2\", \"score\": 0}, {\"mentor\": \"m1\", \"mentee\": \"e1\", \"score\": 0}," +
            "{\"mentor\": \"m1\", \"mentee\": \"e1\", \"score\": 0.5}, {\"mentor\": \"m2\", \"mentee\": \"e2\", \"score\": 1}]}";
        var error = Assert.Throws<EngineInputException>(() => Read(json));
        Assert.Equal("pairs[2]: pair m1/e1 is listed twice", error.Message);
    }

    private static MatchProblem Read(string json) => MatchProblemReader.Read(Encoding.UTF8.GetBytes(json));
}
