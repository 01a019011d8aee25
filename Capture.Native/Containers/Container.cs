using System.Text;

namespace Capture.Native.Containers;

/// <summary>
/// One container as the capture knows it: its id (from a thread's cgroups or a file's
/// container events) and, once known, what its runtime says of it. Threads hold a reference
/// to their container, so reading container.name for an event is two loads, no lookup.
///
/// <see cref="Metadata"/> is written by whoever learns it (a container event on the reader's
/// thread, or a runtime query on its own thread) and read by the reader: it is an immutable
/// record published with one volatile store, so a reader sees all of it or none of it.
/// </summary>
public sealed class Container
{
    /// <summary>The threads outside any container: container.id "host".</summary>
    public static readonly Container Host = new("host", ContainerType.Host);

    ContainerMetadata? _metadata;

    public Container(string id, ContainerType type)
    {
        IdText = id;
        Id = Encoding.UTF8.GetBytes(id);
        Type = type;
    }

    /// <summary>container.id: 12 characters for the runtimes with 64-hex ids, as Falco shortens them.</summary>
    public byte[] Id { get; }
    public string IdText { get; }

    /// <summary>The runtime its cgroup path names; a container event's own type replaces it.</summary>
    public ContainerType Type { get; internal set; }

    public bool IsHost => ReferenceEquals(this, Host);

    /// <summary>What its runtime says (name, image, …); null until that is known.</summary>
    public ContainerMetadata? Metadata
    {
        get => Volatile.Read(ref _metadata);
        internal set
        {
            Volatile.Write(ref _metadata, value);
            // After the store: whoever sees the new generation then reads the new metadata.
            Table?.MetadataLearnt();
        }
    }

    /// <summary>The table that holds it, told when its metadata changes; none for <see cref="Host"/>.</summary>
    internal ContainerTable? Table { get; set; }

    public override string ToString() => IdText;
}

/// <summary>
/// What a runtime (or a capture file's container event) says of a container. Text is kept as
/// UTF-8 for the formatter; an empty value is one the runtime did not give, shown as &lt;NA&gt;.
/// </summary>
public sealed record ContainerMetadata(
    byte[] Name,
    byte[] Image,
    byte[] ImageRepository,
    byte[] ImageTag,
    byte[] ImageId,
    byte[] ImageDigest,
    bool? Privileged)
{
    public static ContainerMetadata From(string name, string image, string repository, string tag, string imageId, string digest, bool? privileged) =>
        new(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(image), Encoding.UTF8.GetBytes(repository),
            Encoding.UTF8.GetBytes(tag), Encoding.UTF8.GetBytes(imageId), Encoding.UTF8.GetBytes(digest), privileged);

    public string NameText => Encoding.UTF8.GetString(Name);
    public string ImageText => Encoding.UTF8.GetString(Image);
}
