namespace Capture.Plugins;

/// <summary>
/// The event types the host knows, from the same schema its driver and file reader use;
/// handed to a plugin as <see cref="IPluginRegistration.Events"/>. Look names up once, at
/// registration, and compare type ids per event: the ids are what the frames carry.
/// </summary>
public interface IEventCatalog
{
    /// <summary>The type with id <paramref name="type"/>, or null when the schema does not know it.</summary>
    EventType? Find(ushort type);

    /// <summary>Every type named <paramref name="name"/> (both directions), placeholders left out; empty when there is none.</summary>
    IReadOnlyList<ushort> TypesNamed(string name);
}
