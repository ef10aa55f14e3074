using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using System.Numerics;

namespace Mentoring.Engine.Matching;

/// <summary>
/// Interns ids given as UTF-8 bytes into indexes 0, 1, 2 … A pair names two ids, and a problem
/// has millions of pairs: the bytes are looked up as they stand in the JSON (open addressing),
/// with no transcoding to UTF-16 and no string per lookup.
/// The hash is seeded per process, so crafted ids cannot force collisions.
/// </summary>
internal sealed class IdIndex
{
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64();

    private readonly List<byte[]> keys = [];
    private int[] table = new int[64];   // index + 1, or 0 for an empty bucket

    public int Count => keys.Count;

    /// <summary>Adds an id; false when it is already there.</summary>
    public bool TryAdd(ReadOnlySpan<byte> id)
    {
        if (Find(id) >= 0)
        {
            return false;
        }
        if ((keys.Count + 1) * 2 > table.Length)
        {
            Grow();
        }
        keys.Add(id.ToArray());
        Insert(keys.Count - 1);
        return true;
    }

    /// <summary>The index of an id, or -1.</summary>
    // Hot path of a one-shot run: see MatchCommand on AggressiveOptimization.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Find(ReadOnlySpan<byte> id)
    {
        var mask = table.Length - 1;
        for (var bucket = (int)Hash(id) & mask; ; bucket = (bucket + 1) & mask)
        {
            var entry = table[bucket];
            if (entry == 0)
            {
                return -1;
            }
            if (id.SequenceEqual(keys[entry - 1]))
            {
                return entry - 1;
            }
        }
    }

    private void Grow()
    {
        table = new int[table.Length * 2];
        for (var i = 0; i < keys.Count; i++)
        {
            Insert(i);
        }
    }

    private void Insert(int index)
    {
        var mask = table.Length - 1;
        var bucket = (int)Hash(keys[index]) & mask;
        while (table[bucket] != 0)
        {
            bucket = (bucket + 1) & mask;
        }
        table[bucket] = index + 1;
    }

    /// <summary>A fast multiply-mix hash over 8-byte words (ids are short).</summary>
    private static uint Hash(ReadOnlySpan<byte> bytes)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15;
        var h = Seed ^ ((ulong)bytes.Length * Multiplier);
        while (bytes.Length >= 8)
        {
            h = BitOperations.RotateLeft((h ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * Multiplier, 29);
            bytes = bytes[8..];
        }
        ulong tail = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            tail |= (ulong)bytes[i] << (8 * i);
        }
        h = (h ^ tail) * Multiplier;
        return (uint)(h ^ (h >> 32));
    }
}
