using Capture.Native.Formatting;
using Capture.Native.Schema;

namespace Capture.Native.Specs.Formatting;

public sealed class SysdigDisplaySpecs
{
    [Theory]
    [InlineData(EventIds.PPME_PROCINFO_E)]
    [InlineData(EventIds.PPME_CONTAINER_JSON_E)]
    [InlineData(EventIds.PPME_CONTAINER_JSON_2_E)]
    [InlineData(EventIds.PPME_CONTAINER_E)]
    [InlineData(EventIds.PPME_SCAPEVENT_E)]
    public void Internal_and_container_events_are_not_shown(ushort id)
    {
        Assert.False(SysdigDisplay.Shows(EventTable.Find(id)!));
    }

    [Theory]
    [InlineData(EventIds.PPME_SYSCALL_BRK_4_E)]
    [InlineData(EventIds.PPME_SCHEDSWITCH_6_E)]
    [InlineData(EventIds.PPME_GENERIC_X)]
    [InlineData(EventIds.PPME_SYSCALL_EXECVE_19_X)]
    [InlineData(EventIds.PPME_PROCEXIT_1_E)]
    [InlineData(EventIds.PPME_SIGNALDELIVER_E)]
    public void System_calls_and_scheduler_events_are_shown(ushort id)
    {
        Assert.True(SysdigDisplay.Shows(EventTable.Find(id)!));
    }

    /// <summary>sysdig hides drop events; ours mark where the kernel lost events, so they show.</summary>
    [Theory]
    [InlineData(EventIds.PPME_DROP_E)]
    [InlineData(EventIds.PPME_DROP_X)]
    public void Drop_events_are_shown_unlike_sysdig_because_they_mark_gaps(ushort id)
    {
        Assert.True(SysdigDisplay.Shows(EventTable.Find(id)!));
    }

    [Fact]
    public void Sysdig_029_knows_the_ids_below_336_only()
    {
        Assert.True(SysdigDisplay.KnownToSysdig029(EventTable.Find(335)!));
        Assert.False(SysdigDisplay.KnownToSysdig029(EventTable.Find(354)!));
    }
}
