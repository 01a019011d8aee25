using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Capture.Host.Startup;

/// <summary>
/// The hand-off from the NativeAOT `capture` to the ReadyToRun host published beside it
/// (scripts/publish.sh: <c>host/capture</c> in the native file's folder). NativeAOT starts in
/// milliseconds but cannot load plugin assemblies, and Akka.NET builds actors from type names
/// it reads from its configuration, which the ahead-of-time compiler cannot see; so the native
/// build answers what runs without an actor system and replaces itself with the host for the
/// rest. The host runs in the same process (execv), with the same arguments and environment:
/// the same pid for systemd and the shell, the same signals, the same standard streams.
/// </summary>
public static class ManagedHost
{
    const string Switch = "Capture.Host.HandsOffAkkaPaths";

    /// <summary>The host's path below the native file's folder.</summary>
    public const string RelativePath = "host/capture";

    /// <summary>
    /// True in the NativeAOT build only (Capture.Host.csproj sets the switch there). The
    /// compiler takes it as a constant, so code behind a false answer is left out of that build.
    /// </summary>
    [FeatureSwitchDefinition(Switch)]
    public static bool HandsOffAkkaPaths => AppContext.TryGetSwitch(Switch, out var on) && on;

    /// <summary>
    /// Replaces this process with the host. Returns only when that failed, with the exit status
    /// after the one line on <paramref name="stderr"/> that says why.
    /// </summary>
    public static int Replace(TextWriter stderr)
    {
        var host = Path.Combine(AppContext.BaseDirectory, RelativePath);
        var argv = ProcessArguments.Read();
        // Nothing this process wrote may be left in a buffer the exec throws away.
        Console.Out.Flush();
        stderr.Flush();
        // execv passes the environment as the C library holds it, which the runtime never
        // changes: the host sees exactly what this process was started with.
        Execv.Run(host, argv, out var errno);
        stderr.WriteLine($"capture: cannot start {host}, which runs live capture and serve: {Marshal.GetPInvokeErrorMessage(errno)}");
        return 1;
    }
}
