namespace Capture.Host.Specs.EndToEnd;

/// <summary>
/// A spec that runs a podman container under a live capture: skipped, with the reason, where
/// the probe cannot load, where it is not run as root, or where podman, runc or busybox-static
/// (`scripts/setup.sh` installs them) are missing.
/// </summary>
public sealed class PodmanFactAttribute : FactAttribute
{
    public PodmanFactAttribute()
    {
        if (ProbeAvailability.Missing is { } missing) Skip = $"the eBPF probe cannot load here: {missing}";
        else if (Environment.UserName != "root") Skip = "podman containers need root here (rootless podman cannot use this machine's cgroups)";
        else if (new[] { "/usr/bin/podman", "/usr/sbin/runc", "/bin/busybox" }.FirstOrDefault(p => !File.Exists(p)) is { } absent)
            Skip = $"{absent} is missing (scripts/setup.sh installs podman, runc and busybox-static)";
    }
}
