namespace Capture.Native.Kmod;

/// <summary>One CPU's open device: where its ring is mapped from and its counters asked.</summary>
internal sealed class KmodDevice : IDisposable
{
    const int ENOENT = 2, EACCES = 13, EPERM = 1, EBUSY = 16, ENXIO = 6, ENODEV = 19;

    KmodDevice(int cpu, string path, SafeKmodDeviceHandle handle)
    {
        Cpu = cpu;
        Path = path;
        Handle = handle;
    }

    public int Cpu { get; }
    public string Path { get; }
    public SafeKmodDeviceHandle Handle { get; }

    /// <summary>Opens CPU <paramref name="cpu"/>'s device, or throws <see cref="KmodUnavailableException"/> saying why not.</summary>
    public static KmodDevice Open(int cpu)
    {
        var path = KmodAbi.DevicePath(cpu);
        var handle = SafeKmodDeviceHandle.TryOpen(path, out var errno);
        if (handle is not null) return new KmodDevice(cpu, path, handle);
        throw new KmodUnavailableException(errno switch
        {
            ENOENT => $"{path} does not exist although the module is loaded (is devtmpfs mounted on /dev?)",
            EACCES or EPERM => $"permission to open {path} denied (the devices are root's, mode 0600)",
            EBUSY => $"{path} is open in another reader (one capture at a time reads the module's rings)",
            ENXIO or ENODEV => $"{path} has no ring behind it (errno {errno}): the module is detached (/sys/module/capture/parameters/detach) or being unloaded, or it is not ours",
            _ => $"opening {path} failed: {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})",
        });
    }

    public void Dispose() => Handle.Dispose();
}
