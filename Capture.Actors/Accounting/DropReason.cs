namespace Capture.Actors.Accounting;

/// <summary>Why an event did not reach a sink; every loss is counted under exactly one.</summary>
public enum DropReason
{
    /// <summary>The kernel could not write it (ring full, or the probe reported it lost).</summary>
    Kernel,
    /// <summary>Its frame failed validation when the ring was read.</summary>
    Corrupt,
    /// <summary>It was still in a ring when the ring's reader detached (fault, reload).</summary>
    Unread,
    /// <summary>Its ring could no longer be read (a record header no kernel writes), so the kernel could not write it.</summary>
    Unreadable,
    /// <summary>It arrived after the merge had released later events: emitting it would break order.</summary>
    Late,
    /// <summary>A lossy sink's buffer was full.</summary>
    SinkOverflow,
    /// <summary>The sink had failed, so it could not take it.</summary>
    SinkFailed,
    /// <summary>The sink stalled past its deadline and was cut off while holding it, or before it arrived.</summary>
    SinkStalled,
    /// <summary>A plugin stage chose not to pass it on; the stage's counters are named after the plugin.</summary>
    Filtered,
    /// <summary>A plugin stage that fails closed had failed (thrown or hung), so what reached it went no further.</summary>
    PluginFailed,
}
