using System.Reflection;
using Capture.Native.Schema;

namespace Capture.Host.Commands;

/// <summary>
/// What `capture --version` prints: our version and the driver API and schema versions this
/// build speaks, as `falco --version` names its driver versions.
/// </summary>
public static class VersionText
{
    public static string Render()
    {
        var version = typeof(VersionText).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        return $"capture {version}\nDriver:\n  API version: {EventTable.ApiVersion}\n  Schema version: {EventTable.SchemaVersion}";
    }
}
