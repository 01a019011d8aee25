namespace Capture.Native.Containers;

/// <summary>
/// Where a live capture learns what a container is (name, image, …): its runtime's API.
/// <see cref="Request"/> is called on the reader's thread once per container when the
/// table first meets it, and must return at once: the source answers later, from its own
/// thread, by setting <see cref="Container.Metadata"/>. Until then the container shows its
/// id and no name, and the stream never waits for it.
/// </summary>
public interface IContainerMetadataSource
{
    void Request(Container container);
}
