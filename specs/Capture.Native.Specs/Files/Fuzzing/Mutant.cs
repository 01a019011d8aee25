using System.IO.Compression;
using Capture.Native.Files;
using CsCheck;

namespace Capture.Native.Specs.Files.Fuzzing;

/// <summary>
/// A fixture damaged by one to three <see cref="MutationStep"/>s. <see cref="IntactBytes"/>
/// counts the leading bytes of the inflated capture that the damage cannot have touched: the
/// events in blocks that end there must all be read back.
/// </summary>
/// <param name="InflatedBytes">How much the damaged file inflates to (its length when plain).</param>
public sealed record Mutant(string Fixture, bool Compressed, IReadOnlyList<MutationStep> Steps, byte[] Bytes, long IntactBytes, long InflatedBytes)
{
    /// <summary>Every fixture, mutated in its inflated form.</summary>
    public static readonly string[] Fixtures =
    [
        "libs-sample-2023.scap", "falco-run_as_user_0_container.scap", "libs-curl_google.scap",
        "libs-single_ipv6_conn.scap", "libs-curl_google_comments.scap",
    ];

    /// <summary>The gzip fixtures, mutated as the compressed bytes on disk.</summary>
    public static readonly string[] GzipFixtures = [.. Fixtures.Where(f => File.ReadAllBytes(RepoPaths.Fixture(f)) is [0x1f, 0x8b, ..])];

    static readonly uint[] BlockTypes = typeof(BlockType).GetFields().Where(f => f.IsLiteral).Select(f => (uint)f.GetRawConstantValue()!).ToArray();

    static readonly Gen<uint> HugeOrTiny = Gen.OneOf(
        Gen.UInt[0, 16],
        Gen.UInt[1 << 20, 1 << 30],
        Gen.UInt[0xFFFF_0000, uint.MaxValue],
        Gen.Const(0xFFFFu));

    /// <summary>Steps that know blocks: only meaningful on the inflated capture.</summary>
    static readonly Gen<MutationStep> BlockSteps = Gen.OneOf<MutationStep>(
        Gen.Select(Gen.Double.Unit, Gen.Bool, HugeOrTiny, (w, t, l) => new MutationStep.SetBlockLength(w, t, l)),
        Gen.Select(Gen.Double.Unit, Gen.Double.Unit, Gen.OneOf(2, 4), HugeOrTiny, (w, at, width, v) => new MutationStep.SetFieldInBody(w, at, width, v)),
        Gen.Select(Gen.Double.Unit, Gen.OneOf(Gen.OneOf(BlockTypes), Gen.UInt), (w, t) => new MutationStep.SwapBlockType(w, t)));

    static Gen<MutationStep> ByteSteps(bool compressed) => Gen.OneOf<MutationStep>(
        Gen.Select(Gen.Double.Unit, Gen.Byte[1, 255], (w, m) => new MutationStep.FlipBits(w, m)),
        Gen.Double.Unit.Select(w => new MutationStep.Truncate(w)),
        Gen.Select(Gen.Double.Unit, Gen.Double[0, 0.2], Gen.Double.Unit, (f, s, t) => new MutationStep.DuplicateRange(f, s, t)),
        Gen.Select(Gen.Double.Unit, Gen.Double[0, 0.2], (f, s) => new MutationStep.DeleteRange(f, s)),
        Gen.OneOf(compressed ? GzipFixtures : Fixtures).Select(f => new MutationStep.Concatenate(f, compressed)));

    /// <summary>A fixture's inflated capture, damaged; block-aware steps as often as byte steps.</summary>
    public static readonly Gen<Mutant> Inflated =
        Gen.Select(Gen.OneOf(Fixtures), Gen.OneOf(BlockSteps, ByteSteps(compressed: false)).Array[1, 3], (f, s) => Build(f, false, s));

    /// <summary>A gzip fixture's compressed bytes, damaged: the inflater meets the damage first.</summary>
    public static readonly Gen<Mutant> Gzipped =
        Gen.Select(Gen.OneOf(GzipFixtures), ByteSteps(compressed: true).Array[1, 3], (f, s) => Build(f, true, s));

    static Mutant Build(string fixture, bool compressed, MutationStep[] steps)
    {
        var bytes = compressed ? File.ReadAllBytes(RepoPaths.Fixture(fixture)) : CaptureBytes.Load(fixture).Bytes;
        var firstChanged = (long)bytes.Length;
        foreach (var step in steps)
        {
            if (bytes.Length < BlockFraming.Overhead) break;
            bytes = step.Apply(bytes, out var changed);
            firstChanged = Math.Min(firstChanged, changed);
        }
        var intact = compressed ? InflatedLength(File.ReadAllBytes(RepoPaths.Fixture(fixture))[..(int)firstChanged]) : firstChanged;
        return new Mutant(fixture, compressed, steps, bytes, intact, compressed ? InflatedLength(bytes) : bytes.Length);
    }

    /// <summary>How many bytes a gzip prefix inflates to before it runs out or turns bad.</summary>
    static long InflatedLength(byte[] prefix)
    {
        if (prefix is not [0x1f, 0x8b, ..]) return 0;
        using var gzip = new GZipStream(new MemoryStream(prefix), CompressionMode.Decompress);
        var buffer = new byte[1 << 16];
        long total = 0;
        try
        {
            for (int read; (read = gzip.Read(buffer)) > 0;) total += read;
        }
        catch (InvalidDataException)
        {
            // What came out before the damage still counts; the read that threw may have held more, so this is a floor.
        }
        return total;
    }

    public override string ToString() => $"{Fixture}{(Compressed ? " (gzip)" : "")}: {string.Join(", ", Steps)}; {Bytes.Length} bytes, first {IntactBytes} intact";
}
