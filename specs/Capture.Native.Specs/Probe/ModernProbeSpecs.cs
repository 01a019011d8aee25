using Capture.Native.Probe;
using Capture.Native.Schema;

namespace Capture.Native.Specs.Probe;

public sealed class ModernProbeSpecs
{
    [KernelFact]
    public void Probe_must_deliver_a_generic_event_for_each_getppid_of_a_traced_program()
    {
        using var probe = ModernProbe.Load(new ProbeSettings { Interest = NativeSyscalls.NumbersOf("getppid") });
        using var captured = new CapturedEvents(probe);
        probe.Attach();

        TestProgram.Run(out var pid, "loop", "getppid", "1000");
        probe.Detach();
        var frames = captured.StopAndCollect().Where(f => FrameReading.ThreadIdOf(f) == (ulong)pid).ToList();

        var generic = frames.Where(f => FrameReading.View(f).Info.EnumName == "PPME_GENERIC_X").ToList();
        Assert.Equal(1000, generic.Count);
        Assert.Equal(frames.Count - 1000, frames.Count(f => FrameReading.View(f).Info.EnumName == "PPME_PROCEXIT_1_E"));
        foreach (var frame in generic)
        {
            var view = FrameReading.View(frame);
            Assert.Equal(41, view.UInt16(0)); // PPM_SC_GETPPID
            Assert.Equal(NativeSyscalls.NumberOf("getppid"), view.UInt16(1));
        }
    }
}
