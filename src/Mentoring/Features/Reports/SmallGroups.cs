namespace Mentoring.Features.Reports;

/// <summary>
/// k-suppression within one segment dimension: every segment under k is hidden, and when exactly
/// one is (so that the total minus the shown ones would give it away), the next-smallest too.
/// </summary>
public static class SmallGroups
{
    /// <returns>For each size, in the same order, whether it is hidden.</returns>
    public static bool[] Hide(IReadOnlyList<int> sizes, int k)
    {
        var hidden = sizes.Select(s => s < k).ToArray();
        if (hidden.Count(h => h) == 1 && sizes.Count > 1)
        {
            // The next-smallest shown segment; the first of equals, so the choice is the same every time.
            var next = Enumerable.Range(0, sizes.Count).Where(i => !hidden[i]).OrderBy(i => sizes[i]).ThenBy(i => i).First();
            hidden[next] = true;
        }
        return hidden;
    }
}
