namespace Capture.Native.Containers;

/// <summary>
/// The kinds of container, numbered as libs numbers them in the "type" of its container
/// events, so a file's container list reads without a table of its own. <see cref="Host"/>
/// is not a container: the threads outside any.
/// </summary>
public enum ContainerType : byte
{
    Docker = 0,
    Lxc = 1,
    LibvirtLxc = 2,
    Mesos = 3,
    Rkt = 4,
    Custom = 5,
    Cri = 6,
    Containerd = 7,
    CriO = 8,
    Bpm = 9,
    Static = 10,
    Podman = 11,
    Host = 255,
}

public static class ContainerTypes
{
    static readonly byte[][] s_names =
    [
        "docker"u8.ToArray(), "lxc"u8.ToArray(), "libvirt-lxc"u8.ToArray(), "mesos"u8.ToArray(),
        "rkt"u8.ToArray(), "custom"u8.ToArray(), "cri"u8.ToArray(), "containerd"u8.ToArray(),
        "cri-o"u8.ToArray(), "bpm"u8.ToArray(), "static"u8.ToArray(), "podman"u8.ToArray(),
    ];

    static readonly byte[] s_host = "host"u8.ToArray();

    /// <summary>container.type as sysdig words it; empty for a number no libs release used.</summary>
    public static ReadOnlySpan<byte> NameOf(ContainerType type) =>
        type == ContainerType.Host ? s_host : (int)type < s_names.Length ? s_names[(int)type] : default;

    /// <summary>
    /// The runtimes whose API reports whether a container is privileged (Docker's and those
    /// that speak it or CRI): sysdig gives container.privileged only for these.
    /// </summary>
    public static bool KnowsPrivilege(ContainerType type) =>
        type is ContainerType.Docker or ContainerType.Cri or ContainerType.Containerd or ContainerType.CriO or ContainerType.Podman;
}
