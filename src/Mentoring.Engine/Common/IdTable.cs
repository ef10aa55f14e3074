using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Mentoring.Engine.Common;

/// <summary>
/// Interns UTF-8 ids straight from the JSON buffer, without a string per id: a roulette problem of
/// 100,000 participants carries 5 million id references in its history. Indexes are given in order
/// of first insertion and the hash is fixed (not per-process randomised), so everything derived from
/// the indexes is reproducible.
/// </summary>
/// <remarks>
/// Open addressing with each slot holding the hash and the index together, so that a lookup touches
/// the slot array, one entry and the id's bytes: three cache lines at most.
/// </remarks>
internal sealed class IdTable
{
    private byte[] _bytes = new byte[4096];
    private int _byteCount;
    private Entry[] _entries = new Entry[256];
    private ulong[] _slots = new ulong[512]; // hash << 32 | (index + 1); 0 is an empty slot

    private record struct Entry(int Start, int Length);

    public int Count { get; private set; }

    public ReadOnlySpan<byte> this[int index] => _bytes.AsSpan(_entries[index].Start, _entries[index].Length);

    public string GetString(int index) => Encoding.UTF8.GetString(this[index]);

    /// <summary>The index of <paramref name="id"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Find(ReadOnlySpan<byte> id) => Lookup(id, Hash(id), out _);

    /// <summary>Adds <paramref name="id"/>; false (and the existing index) when it is already there.</summary>
    public bool TryAdd(ReadOnlySpan<byte> id, out int index)
    {
        var hash = Hash(id);
        index = Lookup(id, hash, out var slot);
        if (index >= 0)
        {
            return false;
        }

        index = Count;
        if (index == _entries.Length)
        {
            Array.Resize(ref _entries, index * 2);
        }
        if (_byteCount + id.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _byteCount + id.Length));
        }
        id.CopyTo(_bytes.AsSpan(_byteCount));
        _entries[index] = new Entry(_byteCount, id.Length);
        _byteCount += id.Length;
        _slots[slot] = ((ulong)hash << 32) | (uint)(index + 1);
        Count++;
        if (Count * 2 > _slots.Length)
        {
            Grow();
        }
        return true;
    }

    /// <summary>The index of the id, or -1 with <paramref name="slot"/> the free slot where it belongs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Lookup(ReadOnlySpan<byte> id, uint hash, out int slot)
    {
        var mask = _slots.Length - 1;
        for (slot = (int)(hash & mask); ; slot = (slot + 1) & mask)
        {
            var value = _slots[slot];
            if (value == 0)
            {
                return -1;
            }
            if ((uint)(value >> 32) == hash)
            {
                var entry = (int)(uint)value - 1;
                if (this[entry].SequenceEqual(id))
                {
                    return entry;
                }
            }
        }
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new ulong[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var value in old)
        {
            if (value == 0)
            {
                continue;
            }
            var slot = (int)((value >> 32) & (uint)mask);
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }
            _slots[slot] = value;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static uint Hash(ReadOnlySpan<byte> id)
    {
        var h = 0x9E3779B97F4A7C15UL ^ (ulong)id.Length;
        while (id.Length >= 8)
        {
            h = Mix(h ^ BinaryPrimitives.ReadUInt64LittleEndian(id));
            id = id[8..];
        }
        ulong tail = 0;
        for (var i = 0; i < id.Length; i++)
        {
            tail |= (ulong)id[i] << (8 * i);
        }
        return (uint)(Mix(h ^ tail) >> 32);
    }

    /// <summary>The murmur3 finaliser: every input bit affects every output bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong h)
    {
        h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCDUL;
        h = (h ^ (h >> 33)) * 0xC4CEB9FE1A85EC53UL;
        return h ^ (h >> 33);
    }
}
