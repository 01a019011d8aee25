using Capture.Native.Formatting;
using Capture.Native.Processes;
using Capture.Native.Schema;
using Capture.Native.Text;

namespace Capture.Native.Specs.Formatting;

/// <summary>
/// Formatting runs once per event on the hot path, so it must not allocate: the caller's
/// buffer and the formatter's scratch space grow to the longest line once and are then
/// reused. Allocated bytes per thread are counted exactly, so these are not timing checks.
/// </summary>
public sealed class FormattingAllocationSpecs
{
    const int Events = 10_000;

    // Every event of two fixtures, after the thread table has seen them all once, plus an
    // event with an absolute time, which no fixture has.
    static (List<byte[]> Frames, List<ushort> Cpus, ThreadTable Threads) Prepared()
    {
        var capture = FixtureCapture.Load(RepoPaths.Fixture("falco-run_as_user_0_container.scap"));
        var frames = new List<byte[]>();
        var cpus = new List<ushort>();
        foreach (var (cpu, frame) in capture.Events.Concat(FixtureCapture.Load(RepoPaths.Fixture("libs-curl_google.scap")).Events))
        {
            frames.Add(frame);
            cpus.Add(cpu);
            capture.Threads.Observe(FrameBuilder.View(frame));
        }
        var withAbsoluteTime = new FrameBuilder(EventIds.PPME_SYSCALL_EXECVE_19_X).I64(-2);
        var parameters = EventTable.Find(EventIds.PPME_SYSCALL_EXECVE_19_X)!.Params;
        for (var i = 1; i < 24; i++) withAbsoluteTime.Add(new byte[ParamSizes.Fixed(parameters[i].Type)]);
        frames.Add(withAbsoluteTime.U64(1_534_527_348_514_648_551).Build());
        cpus.Add(1);
        return (frames, cpus, capture.Threads);
    }

    [Theory]
    [InlineData(BufferStyle.Dots)]
    [InlineData(BufferStyle.Ascii)]
    [InlineData(BufferStyle.HexAscii)]
    [InlineData(BufferStyle.Hex)]
    [InlineData(BufferStyle.Base64)]
    public void Formatting_ten_thousand_events_into_a_reused_buffer_allocates_nothing(BufferStyle buffers)
    {
        var (frames, cpus, threads) = Prepared();
        var formatter = new EventFormatter(threads, new AccountNames(), TimeSpan.Zero, buffers) { TimeStyle = TimeStyle.SinceEnter };
        var line = new Utf8Buffer(64);
        long total = 0;
        void FormatAll(int count)
        {
            for (var n = 0; n < count; n++)
            {
                var i = n % frames.Count;
                var view = FrameBuilder.View(frames[i]);
                line.Clear();
                formatter.WriteText(line, view, (ulong)n, cpus[i]);
                total += line.Length;
                line.Clear();
                formatter.WriteJson(line, view, (ulong)n, cpus[i]);
                total += line.Length;
            }
        }

        // The warm-up formats exactly what is measured, twice, so every buffer has grown to the
        // longest line; what the runtime may still allocate once is what FewestOver allows for.
        FormatAll(Events);
        FormatAll(Events);
        var allocated = Allocations.FewestOver(3, () => FormatAll(Events));

        Assert.Equal(0, allocated);
        Assert.True(total > Events * 100, "the loop formatted real lines");
    }

    [Fact]
    public void Observing_events_that_change_no_state_allocates_nothing()
    {
        var (frames, _, threads) = Prepared();
        var quiet = frames.Where(f =>
        {
            var name = FrameBuilder.View(f).Info.Name;
            return name is "read" or "write" or "mmap" or "fstat" or "brk" or "access" or "mprotect" or "switch" or "poll" or "nanosleep";
        }).ToList();
        Assert.True(quiet.Count > 20, "enough quiet events to cycle through");
        // Warm up on the measured sequence itself, twice: see the formatting spec above.
        for (var pass = 0; pass < 2; pass++)
            for (var n = 0; n < Events; n++) threads.Observe(FrameBuilder.View(quiet[n % quiet.Count]));

        Assert.Equal(0, Allocations.FewestOver(3, () =>
        {
            for (var n = 0; n < Events; n++) threads.Observe(FrameBuilder.View(quiet[n % quiet.Count]));
        }));
    }
}
