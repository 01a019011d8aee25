namespace Capture.Native.Kmod;

/// <summary>
/// Whether the module can be there at all and is: for `capture info` and for a clear refusal
/// before any open. Reads /proc/modules (absent when the kernel was built without module
/// support) and looks for the devices.
/// </summary>
public sealed record KmodPresence(bool ModuleSupport, bool Loaded, string Detail)
{
    const string ProcModules = "/proc/modules";

    public static KmodPresence Check() => Check(ProcModules, KmodAbi.DevicePath(0));

    internal static KmodPresence Check(string procModules, string firstDevice)
    {
        if (!File.Exists(procModules))
            return new(false, false, $"this kernel has no loadable module support ({procModules} is missing: built without CONFIG_MODULES), so capture.ko cannot be loaded here; use the modern driver");
        var listed = File.ReadLines(procModules).Any(line => line.StartsWith(KmodAbi.ModuleName + " ", StringComparison.Ordinal));
        if (File.Exists(firstDevice)) return new(true, true, $"module '{KmodAbi.ModuleName}' loaded: {firstDevice} exists");
        return listed
            ? new(true, false, $"module '{KmodAbi.ModuleName}' is listed in {procModules} but {firstDevice} is missing (is devtmpfs mounted on /dev?)")
            : new(true, false, $"module '{KmodAbi.ModuleName}' is not loaded ({firstDevice} is missing): build it with driver/kmod/build.sh and insmod capture.ko (driver/kmod/README.md)");
    }
}
