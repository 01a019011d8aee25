using System.Globalization;
using System.Text;
using Capture.Native.Polling;
using Capture.Native.Probe;
using Capture.Actors.Accounting;

namespace Capture.Host.Live;

/// <summary>
/// The report at the end of a live capture: events, drops by reason and per CPU, rate and
/// duration. The kernel's counters come from the probe itself, so what the pipeline delivered
/// and what the kernel dropped can be checked against what the kernel saw.
/// </summary>
public static class LiveSummary
{
    public static string Render(long delivered, long stateOnly, long filteredOut, TimeSpan duration, PipelineStats stats, ProbeCounterReport? kernel, string? failure, RingPoller? poller = null)
    {
        var s = new StringBuilder();
        var rate = duration.TotalSeconds > 0 ? delivered / duration.TotalSeconds : 0;
        s.Append(CultureInfo.InvariantCulture, $"capture: {delivered} events in {duration.TotalSeconds:F2} s ({rate:F0} events/s)");
        // Without this the kernel's count looks larger than delivered + dropped whenever a
        // selection hides the state calls (clone, execve, open, close) the probe still sends.
        if (stateOnly > 0) s.Append(CultureInfo.InvariantCulture, $", {stateOnly} state events outside the selection");
        if (filteredOut > 0) s.Append(CultureInfo.InvariantCulture, $", {filteredOut} left out by the filter");
        var losses = stats.RingLosses;
        s.Append(CultureInfo.InvariantCulture, $"; dropped: {losses.Kernel} in the kernel, {losses.Corrupt} corrupt, {losses.Unread} unread at detach");
        if (losses.Unreadable > 0) s.Append(CultureInfo.InvariantCulture, $", {losses.Unreadable} in unreadable rings");
        foreach (var stage in stats.Stages)
            foreach (var (reason, count) in stage.Dropped)
                if (count > 0) s.Append(CultureInfo.InvariantCulture, $", {count} {reason} at {stage.Stage}");
        // A driver that faulted or was replaced came back: say where the stream has a hole and why.
        var gaps = stats.Gaps;
        if (gaps.Count > 0)
        {
            s.AppendLine();
            s.Append(CultureInfo.InvariantCulture, $"capture: {gaps.Count} {(gaps.Count == 1 ? "gap" : "gaps")} in the stream, where the driver was reloaded");
            foreach (var gap in gaps)
            {
                s.AppendLine();
                // Its length is known only when the rings that came back had a watermark past the last event.
                var length = gap.To > gap.From ? string.Create(CultureInfo.InvariantCulture, $" of {(gap.To - gap.From) / 1e9:F2} s") : "";
                s.Append(CultureInfo.InvariantCulture, $"capture:   gap{length}, {gap.EventsLost} events lost: {gap.Reason}");
            }
        }
        if (kernel is not null)
        {
            var total = kernel.Total;
            s.AppendLine();
            s.Append(CultureInfo.InvariantCulture,
                $"capture: kernel saw {total.EventsSeen}, dropped {total.DroppedRingFull} ring full, {total.DroppedTooLarge} too large, {total.DroppedNoBuffer} no buffer (syscall {total.DroppedSyscall}, scheduler {total.DroppedScheduler}, page fault {total.DroppedPageFault})");
            if (total.Dropped > 0)
            {
                s.AppendLine();
                s.Append(CultureInfo.InvariantCulture,
                    $"capture: {total.GapMarkers} drop events mark where {total.Dropped - total.LostUnmarked} of them were lost; {total.LostUnmarked} after their CPU's last event");
            }
            for (var cpu = 0; cpu < kernel.PerCpu.Count; cpu++)
            {
                var c = kernel.PerCpu[cpu];
                if (c.EventsSeen == 0) continue;
                s.AppendLine();
                s.Append(CultureInfo.InvariantCulture, $"capture:   cpu {cpu}: seen {c.EventsSeen}, dropped {c.Dropped}");
            }
        }
        if (poller is not null) AppendPolling(s, poller);
        if (failure is not null)
        {
            s.AppendLine();
            s.Append("capture: ").Append(failure);
        }
        return s.ToString();
    }

    /// <summary>How the polling thread kept up: what to look at first when the kernel dropped.</summary>
    static void AppendPolling(StringBuilder s, RingPoller poller)
    {
        var a = poller.Activity;
        var priority = a.RealTimePriority is { } realTime ? $"SCHED_FIFO {realTime}"
            : a.Nice is { } nice ? $"nice {nice}"
            : a.PriorityError is { } errno ? $"priority not raised (errno {errno})"
            : "priority as inherited";
        s.AppendLine();
        s.Append(CultureInfo.InvariantCulture,
            $"capture: poller ({priority}): {a.Rounds} rounds, {a.Pauses} pauses ({a.PausesSkipped} skipped: a ring filling fast), paused {a.PausedNs / 1e6:F0} ms of {a.AskedNs / 1e6:F0} ms asked (mean {(a.Pauses > 0 ? (a.PausedNs - a.AskedNs) / a.Pauses / 1e3 : 0):F0} µs late, max {a.MaxLateNs / 1e3:F0} µs), wake to drained mean {(a.Rounds > 0 ? a.DrainNs / a.Rounds / 1e3 : 0):F1} µs, max {a.MaxDrainNs / 1e3:F0} µs");
        for (var ring = 0; ring < poller.Statistics.Count; ring++)
        {
            var r = poller.Statistics[ring];
            s.AppendLine();
            s.Append(CultureInfo.InvariantCulture,
                $"capture:   ring {ring}: {r.NearlyFullRounds} rounds found it ≥ 3/4 full (at most {r.HighestFillPercent} %), {r.BackpressureStalls} rounds stalled on a full hand-off, {r.AgedBatchesHeld} held an aged batch, {r.BatchesPublished} batches");
        }
    }
}
