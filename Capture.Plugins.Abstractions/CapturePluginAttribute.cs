namespace Capture.Plugins;

/// <summary>
/// Names a plugin's entry type: <c>[assembly: CapturePlugin(typeof(MyPlugin))]</c>. The loader
/// reads this before it touches the type, so a plugin built against another contract is
/// refused before any of its code runs.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class CapturePluginAttribute : Attribute
{
    /// <param name="plugin">A public type with a public parameterless constructor implementing <see cref="ICapturePlugin"/>.</param>
    /// <param name="builtAgainst">
    /// Leave it out: the default is <see cref="PluginContract.Version"/> as it was when the
    /// plugin was compiled, which is exactly what the loader needs to know.
    /// </param>
    public CapturePluginAttribute(Type plugin, string builtAgainst = PluginContract.Version)
    {
        Plugin = plugin;
        BuiltAgainst = builtAgainst;
    }

    public Type Plugin { get; }

    /// <summary>The contract version the plugin was compiled against.</summary>
    public string BuiltAgainst { get; }
}
