using System.Collections.Concurrent;
using Gongzhi.Platform.Data;

namespace Gongzhi.Modules.Cases.Intake;

/// <summary>
/// Hands out case reference numbers from blocks this application instance reserved from the shared
/// counter, <see cref="BlockSize"/> at a time, so that most reports draw their number without a round trip
/// to the database. Numbers stay unique across instances (each block comes from one atomic reservation)
/// and ascend on one instance; with two instances their numbers interleave by block, and the unused rest of
/// a block is lost when the instance stops, a gap like the one a failed intake leaves.
/// <para>One per application instance (a singleton): the blocks belong to that instance's database.</para>
/// </summary>
public sealed class CaseReferenceBlocks
{
    public const int BlockSize = 10;

    private readonly ConcurrentDictionary<string, Block> blocks = new(StringComparer.Ordinal);

    /// <summary>The next number for <paramref name="counterKey"/>; reserves a new block when this instance's is used up.</summary>
    public async Task<int> DrawAsync(GongzhiDbContext db, string counterKey, CancellationToken cancellationToken)
    {
        if (!blocks.TryGetValue(counterKey, out var block))
        {
            block = blocks.GetOrAdd(counterKey, _ => new Block());
            ForgetOtherDays(counterKey);
        }
        await block.Gate.WaitAsync(cancellationToken);
        try
        {
            if (block.Next >= block.End)
            {
                block.Next = await CaseReferenceCounter.DrawAsync(db, counterKey, BlockSize, cancellationToken);
                block.End = block.Next + BlockSize;
            }
            return block.Next++;
        }
        finally
        {
            block.Gate.Release();
        }
    }

    // A key is a district and a day: once a day has begun, yesterday's blocks are not drawn from again.
    private void ForgetOtherDays(string counterKey)
    {
        var day = CaseReference.DayOfCounterKey(counterKey);
        foreach (var key in blocks.Keys.Where(k => CaseReference.DayOfCounterKey(k) != day))
        {
            blocks.TryRemove(key, out _);
        }
    }

    private sealed class Block
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Next { get; set; }

        public int End { get; set; }
    }
}
