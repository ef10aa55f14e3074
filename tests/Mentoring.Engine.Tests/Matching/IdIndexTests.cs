using System.Text;
using Mentoring.Engine.Matching;

namespace Mentoring.Engine.Tests.Matching;

public class IdIndexTests
{
    [Fact]
    public void Interns_ids_in_order_and_finds_them_again()
    {
        var index = new IdIndex();
        var ids = Enumerable.Range(0, 5000).Select(i => i % 7 == 0 ? $"mentor-with-a-long-id-{i}" : $"e{i}").Append("").Append("é").ToArray();
        foreach (var id in ids)
        {
            Assert.True(index.TryAdd(Encoding.UTF8.GetBytes(id)));
        }
        Assert.Equal(ids.Length, index.Count);
        for (var i = ids.Length - 1; i >= 0; i--)
        {
            Assert.Equal(i, index.Find(Encoding.UTF8.GetBytes(ids[i])));
            Assert.Equal(i, index.Find(Encoding.UTF8.GetBytes(ids[i])));   // the same id twice in a row
        }
        Assert.False(index.TryAdd("e1"u8));
        Assert.Equal(-1, index.Find("e5000"u8));
        Assert.Equal(-1, index.Find("e"u8));
        Assert.Equal(ids.Length, index.Count);
    }
}
