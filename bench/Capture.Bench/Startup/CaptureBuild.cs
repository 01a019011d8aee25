namespace Capture.Bench.Startup;

/// <summary>
/// Which kind of `capture` a start-up row timed, kept with its numbers: rows of the NativeAOT
/// file (scripts/publish.sh since issue 17) and of the runtime's launcher (ReadyToRun, before)
/// are not the same measurement.
/// </summary>
internal static class CaptureBuild
{
    public static string Of(string path)
    {
        var file = File.ReadAllBytes(path);
        if (!file.AsSpan().StartsWith("\u007fELF"u8)) return "other";
        // The launcher starts the runtime through libhostfxr; a NativeAOT file carries its own.
        return file.AsSpan().IndexOf("libhostfxr.so"u8) >= 0 ? "apphost" : "nativeaot";
    }
}
