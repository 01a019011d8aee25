namespace Capture.Plugins;

/// <summary>
/// A plugin's entry point. The host creates it once per load (and again after every reload,
/// in a new load context) and calls <see cref="Register"/> once, before any event flows.
/// </summary>
public interface ICapturePlugin
{
    /// <summary>Unique among the loaded plugins; counters, failure reports and the configuration section use it.</summary>
    string Name { get; }

    /// <summary>The plugin's own version, for reports.</summary>
    Version Version { get; }

    /// <summary>Reads the plugin's configuration and adds its stages and sinks.</summary>
    void Register(IPluginRegistration registration);
}
