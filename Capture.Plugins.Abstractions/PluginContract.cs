namespace Capture.Plugins;

/// <summary>
/// The version of this contract, as major.minor. A plugin is compatible when it was built
/// against the same major version and a minor version no newer than the host's: minor
/// versions only add, so a plugin built against 2.0 runs on a 2.3 host, but not the reverse
/// and never across majors.
///
/// 2.0 took batches out of the contract: a plugin is lent read-only views
/// (<see cref="EventBatchView"/>) and never sees the host's pooled, reference-counted batches,
/// so nothing a plugin does can return a batch to the pool while another consumer reads it.
/// Plugins built against 1.x handed batches back and forth and are refused.
/// </summary>
public static class PluginContract
{
    /// <summary>
    /// A constant on purpose: the compiler copies it into every plugin that reads it (through
    /// <see cref="CapturePluginAttribute"/>'s default argument), so the plugin carries the
    /// version it was built against, not the one it happens to run with.
    /// </summary>
    public const string Version = "2.0";

    public static Version Current { get; } = System.Version.Parse(Version);

    /// <summary>Null when a plugin built against <paramref name="builtAgainst"/> can run here; otherwise why not.</summary>
    public static string? Incompatibility(string builtAgainst)
    {
        if (!System.Version.TryParse(builtAgainst, out var version))
            return $"it declares contract version '{builtAgainst}', which is not a major.minor version; this host implements contract {Version}";
        if (version.Major != Current.Major || version.Minor > Current.Minor)
            return $"it was built against plugin contract {version.Major}.{version.Minor}, and this host implements contract {Version}" +
                   (version.Major == Current.Major ? " (a newer minor version)" : " (a different major version)");
        return null;
    }
}
