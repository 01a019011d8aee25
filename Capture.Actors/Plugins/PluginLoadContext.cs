using System.Reflection;
using System.Runtime.Loader;

namespace Capture.Actors.Plugins;

/// <summary>
/// The collectible load context of one plugin assembly. The contract and the configuration
/// abstractions always come from the host, so a plugin's <see cref="Capture.Plugins.ICapturePlugin"/>
/// and <see cref="Capture.Plugins.EventBatchView"/> are the host's own types; copies of them in
/// the plugin's folder are ignored. Capture.Native is not part of the contract: a plugin that
/// references it anyway gets the host's copy, so it cannot load a second one beside it. Everything
/// else the plugin brings is loaded from its folder into this context, and the framework
/// from the host.
/// </summary>
public sealed class PluginLoadContext : AssemblyLoadContext
{
    /// <summary>Assemblies whose types cross the boundary between host and plugin, so both must see one copy.</summary>
    public static IReadOnlySet<string> Shared { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Capture.Plugins.Abstractions",
        "Capture.Native",
        "Microsoft.Extensions.Configuration.Abstractions",
        "Microsoft.Extensions.Primitives",
    };

    readonly string _folder;

    public PluginLoadContext(string mainAssemblyPath)
        : base($"plugin {Path.GetFileNameWithoutExtension(mainAssemblyPath)}", isCollectible: true)
    {
        MainAssemblyPath = mainAssemblyPath;
        _folder = Path.GetDirectoryName(mainAssemblyPath)!;
    }

    public string MainAssemblyPath { get; }

    /// <summary>Where an assembly the plugin references would come from in its folder, or null if it brings none.</summary>
    public string? LocalPath(AssemblyName name)
    {
        if (name.Name is null || Shared.Contains(name.Name)) return null;
        var path = Path.Combine(_folder, name.Name + ".dll");
        return File.Exists(path) ? path : null;
    }

    /// <summary>The context the host's copy of the contract lives in: the default one, unless the host itself was loaded elsewhere.</summary>
    static readonly AssemblyLoadContext s_host = GetLoadContext(typeof(Capture.Plugins.ICapturePlugin).Assembly) ?? Default;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (LocalPath(assemblyName) is { } path) return LoadFromAssemblyPath(path);
        if (assemblyName.Name is not null && Shared.Contains(assemblyName.Name) && s_host != Default) return s_host.LoadFromAssemblyName(assemblyName);
        return null; // the default context: the host's and the framework's assemblies
    }
}
