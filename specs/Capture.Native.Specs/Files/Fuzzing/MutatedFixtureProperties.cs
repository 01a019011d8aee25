using System.Diagnostics;
using Capture.Native.Files;
using CsCheck;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Capture.Native.Specs.Files.Fuzzing;

/// <summary>
/// The fixtures damaged thousands of ways (bits flipped, block and field lengths set huge or
/// tiny, block types swapped, cut short, ranges duplicated or deleted, files concatenated;
/// the gzip ones also in their compressed bytes), each read to the end. For every mutant:
/// nothing but <see cref="ScapFileException"/> leaves the reader; it finishes within
/// <see cref="Deadline"/>; it allocates at most <see cref="MemoryBudget"/>; every event in a
/// block before the first damaged byte is read back as it was; and each problem and fault
/// names an offset at or after the block holding that byte, one problem per block.
/// <para>
/// Mutant i is generated from its own seed, <c>new PCG(i, FixedSeed)</c>, so a run is the
/// same every time and a failure names a seed that replays it alone:
/// <c>Mutant.Inflated.Sample(m => ..., seed: "…", iter: 1)</c>. A run stops early, passing,
/// when its time budget is spent, so a slow machine tests fewer mutants rather than stalling
/// ./test.sh; the count is in the test output.
/// </para>
/// </summary>
public class MutatedFixtureProperties(ITestOutputHelper output)
{
    const ulong FixedSeed = 0x5CA9_F11E;
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public void Damage_to_the_inflated_bytes_of_any_fixture_never_escapes_and_keeps_every_event_before_it()
        => Run(Mutant.Inflated, stream: 0, count: 2600, budget: TimeSpan.FromSeconds(30));

    [Fact]
    public void Damage_to_the_compressed_bytes_of_a_gzip_fixture_never_escapes_and_keeps_every_event_before_it()
        => Run(Mutant.Gzipped, stream: 1 << 20, count: 800, budget: TimeSpan.FromSeconds(10));

    /// <summary>
    /// The reader's own footprint (a 64 KiB window, the upgrade buffer, the warned-id table) plus
    /// a small multiple of the bytes it inflated. A length field claiming a gigabyte must not
    /// make it reserve that.
    /// </summary>
    static long MemoryBudget(Mutant mutant) => (2L << 20) + 8 * mutant.InflatedBytes;

    void Run(Gen<Mutant> mutants, uint stream, int count, TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        var tested = 0;
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, (i, loop) =>
        {
            if (clock.Elapsed > budget)
            {
                loop.Stop();
                return;
            }
            var pcg = new PCG(stream + (uint)i, FixedSeed);
            var seed = pcg.ToString();
            var mutant = mutants.Generate(pcg, null, out _);
            try
            {
                Check(mutant);
            }
            catch (Exception e)
            {
                throw new XunitException($"mutant {i} (seed \"{seed}\"): {mutant}\n{e.Message}");
            }
            Interlocked.Increment(ref tested);
        });
        output.WriteLine($"{tested} mutants in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(tested >= Math.Min(count, 500), $"only {tested} mutants in the time budget");
    }

    static void Check(Mutant mutant)
    {
        var read = GuardedRead.Of(mutant.Bytes, Deadline);
        var original = CaptureBytes.Load(mutant.Fixture);
        var kept = original.EventBlocksBefore(mutant.IntactBytes);
        Assert.Equal(Timestamps(mutant.Fixture).Take(kept), read.Outcome.Timestamps.Take(kept));
        Assert.InRange(read.AllocatedBytes, 0, MemoryBudget(mutant));

        // Where the block holding the first damaged byte starts; past the last block, the damage itself.
        var firstDamaged = original.Blocks.FirstOrDefault(b => b.End > mutant.IntactBytes) is { Length: > 0 } damaged ? damaged.Offset : mutant.IntactBytes;
        if (read.Outcome.Fault is { } fault) Assert.InRange(fault.Offset, firstDamaged, long.MaxValue);
        if (read.Outcome.Reader is { } reader)
        {
            var errors = reader.Problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
            Assert.All(reader.Problems, p => Assert.InRange(p.Offset, firstDamaged, long.MaxValue));
            Assert.Equal(errors.Count, errors.Select(p => p.Offset).Distinct().Count());
        }
    }

    static List<ulong> Timestamps(string fixture) => Originals.GetOrAdd(fixture, f =>
    {
        var outcome = ReadOutcome.Of(CaptureBytes.Load(f).Bytes);
        Assert.Null(outcome.Fault);
        Assert.Empty(outcome.Reader!.Problems);
        return outcome.Timestamps;
    });

    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, List<ulong>> Originals = new();
}
