using Capture.Host.Live;
using Capture.Native.Probe;
using Capture.Native.Schema;

namespace Capture.Host.Specs.Live;

public sealed class SyscallSelectionSpecs
{
    [Theory]
    [InlineData("open_by_handle_at")]
    [InlineData("userfaultfd")]
    [InlineData("io_uring_setup")]
    public void A_selection_also_traces_the_calls_that_create_fds_sysdig_names_without_showing_them(string creator)
    {
        var selection = new SyscallSelection(["read"]);
        Assert.Contains(NativeSyscalls.NumberOf(creator), selection.ProbeInterest!);
        var exit = EventTable.All.ToArray().Single(e => e.Name == creator && e.Direction == EventDirection.Exit
            && (e.Flags & (EventFlags.OLD_VERSION | EventFlags.UNUSED)) == 0);
        Assert.False(selection.Shows(exit));
    }
}
