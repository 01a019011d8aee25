namespace Capture.Hosting.Configuration;

/// <summary>Where events come from.</summary>
public enum DriverKind
{
    /// <summary>The embedded CO-RE eBPF probe: live capture, the default.</summary>
    Modern,
    /// <summary>A scap file split back into per-CPU rings.</summary>
    Replay,
    /// <summary>In-memory rings from a seed, for specs and demos.</summary>
    Simulated,
    /// <summary>The kernel module (driver/kmod, capture.ko), loaded separately with insmod: live capture through its devices.</summary>
    Kmod,
}
