using Mentoring.Engine.Groups;

namespace Mentoring.Engine.Tests.Groups;

/// <summary>The engine's seatings against every possible seating on tiny random problems.</summary>
public class GroupsExactnessTests
{
    [Fact]
    public void Seating_is_as_good_as_the_best_on_every_level_and_proven()
    {
        var random = new Random(4242);
        for (var trial = 0; trial < 150; trial++)
        {
            var oracle = GroupsOracle.Random(random);
            var problem = GroupsProblem.Parse(oracle.ToUtf8(seed: trial));

            var solution = GroupsSolver.Solve(problem);

            var score = oracle.Score(solution.TableOf);
            Assert.Equal(oracle.Best(), score);
            Assert.Equal((score.Repeats, score.Mixing), (solution.Repeats, solution.Mixing));
            Assert.True(solution.Optimal);
        }
    }

    [Fact]
    public void Mixing_bound_is_never_below_a_seating_and_is_reached_without_history()
    {
        var random = new Random(77);
        for (var trial = 0; trial < 150; trial++)
        {
            var oracle = GroupsOracle.Random(random);
            var free = new GroupsOracle { Capacity = oracle.Capacity, Group = oracle.Group, Priority = oracle.Priority, History = [] };
            var problem = GroupsProblem.Parse(free.ToUtf8());
            var placement = Placement.Choose(problem);

            Assert.Equal(free.Best().Mixing, GroupsSolver.MixingBound(problem, placement));
        }
    }

    [Fact]
    public void Members_above_the_cut_off_are_placed_and_ties_fill_the_rest()
    {
        var oracle = new GroupsOracle
        {
            Capacity = [2, 1],
            Group = ["a", "a", "b", "b", "c"],
            Priority = [9, 1, 1, 1, 0],
            History = [],
        };
        var placement = Placement.Choose(GroupsProblem.Parse(oracle.ToUtf8()));

        Assert.Equal([0], placement.Certain);
        Assert.Equal([1, 2, 3], placement.Tied);
        Assert.Equal(2, placement.TieSeats);
    }
}
