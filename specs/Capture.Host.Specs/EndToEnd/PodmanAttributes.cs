namespace Capture.Host.Specs.EndToEnd;

/// <summary>
/// Why a spec that runs a podman container under a live capture cannot run here, or null: the
/// probe cannot load, it is not run as root, or podman, runc or busybox-static
/// (`scripts/setup.sh` installs them) are missing.
/// </summary>
static class PodmanRequirements
{
    public static string? Missing
    {
        get
        {
            if (ProbeAvailability.Missing is { } missing) return $"the eBPF probe cannot load here: {missing}";
            if (Environment.UserName != "root") return "podman containers need root here (rootless podman cannot use this machine's cgroups)";
            return new[] { "/usr/bin/podman", "/usr/sbin/runc", "/bin/busybox" }.FirstOrDefault(p => !File.Exists(p)) is { } absent
                ? $"{absent} is missing (scripts/setup.sh installs podman, runc and busybox-static)"
                : null;
        }
    }
}

/// <summary>A fact that runs a podman container: skipped, with the reason, where <see cref="PodmanRequirements"/> are not met.</summary>
public sealed class PodmanFactAttribute : FactAttribute
{
    public PodmanFactAttribute() => Skip = PodmanRequirements.Missing;
}

/// <summary>A theory that runs a podman container: skipped, with the reason, where <see cref="PodmanRequirements"/> are not met.</summary>
public sealed class PodmanTheoryAttribute : TheoryAttribute
{
    public PodmanTheoryAttribute() => Skip = PodmanRequirements.Missing;
}
