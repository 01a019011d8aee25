namespace Capture.Native.Containers;

/// <summary>
/// Which container a thread is in, read from its cgroups: the cgroups parameter of clone and
/// execve (and a process list's entry, and /proc/PID/cgroup) holds NUL-separated
/// "controllers=path" entries, and each runtime names the cgroup it makes after the container:
///
/// <list type="bullet">
/// <item>docker: <c>/docker/&lt;64 hex&gt;</c> (cgroupfs) or <c>docker-&lt;64 hex&gt;.scope</c> (systemd)</item>
/// <item>podman: <c>libpod-&lt;64 hex&gt;.scope</c>, or <c>/libpod_parent/libpod-&lt;64 hex&gt;</c> (cgroupfs)</item>
/// <item>containerd's CRI: <c>cri-containerd-&lt;64 hex&gt;.scope</c> or <c>…slice:cri-containerd:&lt;64 hex&gt;</c>; any runtime under <c>/kubepods…/&lt;64 hex&gt;</c> (CRI)</item>
/// <item>CRI-O: <c>crio-&lt;64 hex&gt;.scope</c> or <c>crio-&lt;64 hex&gt;</c></item>
/// <item>lxc: <c>/lxc/NAME</c>, <c>/lxc.payload/NAME</c> or <c>/lxc.payload.NAME</c>, the id being NAME</item>
/// </list>
///
/// A 64-hex id is shortened to its first 12 characters, as Falco reports it. The helpers
/// runtimes run beside a container (<c>libpod-conmon-…</c>, <c>crio-conmon-…</c>) are on the
/// host. Runs once per clone or execve, over bytes it does not copy: allocation-free.
/// </summary>
public static class CgroupContainerId
{
    const int FullIdLength = 64;
    public const int ShortIdLength = 12;

    /// <summary>
    /// The first entry that names a container: its type and id (a slice of
    /// <paramref name="cgroups"/>). False for a thread on the host.
    /// </summary>
    public static bool TryFind(ReadOnlySpan<byte> cgroups, out ContainerType type, out ReadOnlySpan<byte> id)
    {
        while (!cgroups.IsEmpty)
        {
            var end = cgroups.IndexOf((byte)0);
            var entry = end < 0 ? cgroups : cgroups[..end];
            cgroups = end < 0 ? default : cgroups[(end + 1)..];
            var slash = entry.IndexOf((byte)'/');
            if (slash >= 0 && TryPath(entry[slash..], out type, out id)) return true;
        }
        type = ContainerType.Host;
        id = default;
        return false;
    }

    /// <summary>One cgroup path, e.g. <c>/system.slice/docker-0123….scope</c>.</summary>
    public static bool TryPath(ReadOnlySpan<byte> path, out ContainerType type, out ReadOnlySpan<byte> id)
    {
        if (TryLxc(path, out id))
        {
            type = ContainerType.Lxc;
            return true;
        }
        var leaf = path[(path.LastIndexOf((byte)'/') + 1)..];
        if (leaf.EndsWith(".scope"u8)) leaf = leaf[..^".scope"u8.Length];
        var colon = leaf.LastIndexOf((byte)':');
        if (colon >= 0)
        {
            // containerd under systemd's cgroup driver: "<slice>:cri-containerd:<id>".
            type = leaf.IndexOf(":cri-containerd:"u8) >= 0 ? ContainerType.Containerd : ContainerType.Cri;
            leaf = leaf[(colon + 1)..];
        }
        else if (Prefixed(ref leaf, "docker-"u8)) type = ContainerType.Docker;
        else if (Prefixed(ref leaf, "libpod-"u8)) type = ContainerType.Podman;
        else if (Prefixed(ref leaf, "cri-containerd-"u8)) type = ContainerType.Containerd;
        else if (Prefixed(ref leaf, "crio-"u8)) type = ContainerType.CriO;
        else type = path.IndexOf("/kubepods"u8) >= 0 ? ContainerType.Cri : ContainerType.Docker;
        if (leaf.Length == FullIdLength && !leaf.ContainsAnyExcept(HexDigits))
        {
            id = leaf[..ShortIdLength];
            return true;
        }
        type = ContainerType.Host;
        id = default;
        return false;
    }

    static readonly System.Buffers.SearchValues<byte> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF"u8);

    static bool Prefixed(ref ReadOnlySpan<byte> leaf, ReadOnlySpan<byte> prefix)
    {
        if (!leaf.StartsWith(prefix)) return false;
        leaf = leaf[prefix.Length..];
        return true;
    }

    /// <summary>lxc names its cgroups after the container: the id is that name.</summary>
    static bool TryLxc(ReadOnlySpan<byte> path, out ReadOnlySpan<byte> id)
    {
        id = default;
        ReadOnlySpan<byte> rest;
        if (path.StartsWith("/lxc/"u8)) rest = path["/lxc/"u8.Length..];
        else if (path.StartsWith("/lxc.payload/"u8)) rest = path["/lxc.payload/"u8.Length..];
        else if (path.StartsWith("/lxc.payload."u8)) rest = path["/lxc.payload."u8.Length..];
        else return false;
        var slash = rest.IndexOf((byte)'/');
        id = slash < 0 ? rest : rest[..slash];
        return !id.IsEmpty;
    }
}
