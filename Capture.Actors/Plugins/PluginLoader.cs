using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;
using Capture.Plugins;

namespace Capture.Actors.Plugins;

/// <summary>
/// Finds and loads plugins from a directory: every assembly directly in it or one folder
/// down that declares <c>[assembly: CapturePlugin(typeof(...))]</c>, each in its own
/// collectible <see cref="PluginLoadContext"/>. Candidates are recognised from their metadata
/// without loading them. Before any plugin code runs, each is checked in this order: every
/// assembly it references can be found (in its folder or the host), its declared contract
/// version is compatible with this host's, and its entry type implements the contract. Any
/// failure becomes a <see cref="PluginProblem"/> naming the file and what is wrong; the other
/// plugins load regardless.
/// </summary>
public static class PluginLoader
{
    public static PluginLoadResult LoadFrom(string directory)
    {
        if (!Directory.Exists(directory))
            return new PluginLoadResult([], [new PluginProblem(directory, "the plugin directory does not exist")]);

        var plugins = new List<LoadedPlugin>();
        var problems = new List<PluginProblem>();
        var files = Directory.EnumerateFiles(directory, "*.dll")
            .Concat(Directory.EnumerateDirectories(directory).SelectMany(d => Directory.EnumerateFiles(d, "*.dll")))
            .Where(f => !PluginLoadContext.Shared.Contains(Path.GetFileNameWithoutExtension(f)))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (!DeclaresPlugins(file, problems)) continue;
            LoadAssembly(Path.GetFullPath(file), plugins, problems);
        }
        return new PluginLoadResult(plugins, problems);
    }

    static void LoadAssembly(string path, List<LoadedPlugin> plugins, List<PluginProblem> problems)
    {
        var context = new PluginLoadContext(path);
        var loadedBefore = plugins.Count;
        try
        {
            var assembly = context.LoadFromAssemblyPath(path);
            if (ContractReference(assembly) is { } why)
            {
                problems.Add(new PluginProblem(path, $"refused: {why}"));
                return;
            }
            if (MissingDependencies(assembly, context) is { Count: > 0 } missing)
            {
                problems.Add(new PluginProblem(path, "missing dependency: " + string.Join("; ", missing)));
                return;
            }
            foreach (var declaration in assembly.GetCustomAttributesData().Where(IsPluginDeclaration))
                if (Instantiate(declaration, path, problems) is { } plugin)
                {
                    if (plugins.Any(p => p.Name == plugin.Name))
                        problems.Add(new PluginProblem(path, $"a plugin named '{plugin.Name}' is already loaded; plugin names must be unique"));
                    else
                        plugins.Add(new LoadedPlugin(plugin, path, BuiltAgainst(declaration), context));
                }
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or TypeLoadException)
        {
            problems.Add(new PluginProblem(path, $"could not be loaded: {e.Message}"));
        }
        finally
        {
            if (plugins.Count == loadedBefore) context.Unload();
        }
    }

    static ICapturePlugin? Instantiate(CustomAttributeData declaration, string path, List<PluginProblem> problems)
    {
        var builtAgainst = BuiltAgainst(declaration);
        if (PluginContract.Incompatibility(builtAgainst) is { } why)
        {
            problems.Add(new PluginProblem(path, $"refused: {why}"));
            return null;
        }
        if (declaration.ConstructorArguments[0].Value is not Type type)
        {
            problems.Add(new PluginProblem(path, "[CapturePlugin] names no type"));
            return null;
        }
        if (!typeof(ICapturePlugin).IsAssignableFrom(type))
        {
            var lookalike = type.GetInterfaces().FirstOrDefault(i => i.FullName == typeof(ICapturePlugin).FullName);
            problems.Add(new PluginProblem(path, lookalike is null
                ? $"type {type.FullName} named by [CapturePlugin] does not implement {typeof(ICapturePlugin).FullName}"
                : $"type {type.FullName} implements {typeof(ICapturePlugin).FullName} from its own copy of the contract ({lookalike.Assembly.Location}), not the host's; do not load the contract into the plugin"));
            return null;
        }
        if (type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
        {
            problems.Add(new PluginProblem(path, $"type {type.FullName} needs a public parameterless constructor and must not be abstract"));
            return null;
        }
        try
        {
            return (ICapturePlugin)Activator.CreateInstance(type)!;
        }
        catch (Exception e)
        {
            var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            problems.Add(new PluginProblem(path, $"constructing {type.FullName} failed: {cause.GetType().Name}: {cause.Message}"));
            return null;
        }
    }

    static bool IsPluginDeclaration(CustomAttributeData attribute) =>
        attribute.AttributeType == typeof(CapturePluginAttribute);

    static string BuiltAgainst(CustomAttributeData declaration) =>
        declaration.ConstructorArguments.Count > 1 && declaration.ConstructorArguments[1].Value is string version ? version : "(none)";

    /// <summary>
    /// The contract assembly's version follows the contract's, so a plugin compiled against
    /// another contract is caught here already, before the runtime would fail to bind it.
    /// </summary>
    static string? ContractReference(Assembly assembly)
    {
        var contract = typeof(ICapturePlugin).Assembly.GetName().Name;
        var reference = assembly.GetReferencedAssemblies().FirstOrDefault(r => r.Name == contract);
        return reference?.Version is { } v ? PluginContract.Incompatibility($"{v.Major}.{v.Minor}") : null;
    }

    /// <summary>References that neither the plugin's folder nor the host can provide, described for the message.</summary>
    static List<string> MissingDependencies(Assembly assembly, PluginLoadContext context)
    {
        var missing = new List<string>();
        foreach (var reference in assembly.GetReferencedAssemblies())
        {
            if (context.LocalPath(reference) is not null) continue;
            try
            {
                AssemblyLoadContext.Default.LoadFromAssemblyName(reference);
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException)
            {
                missing.Add($"{Path.GetFileName(context.MainAssemblyPath)} references {reference.Name} {reference.Version}, which is neither in {Path.GetDirectoryName(context.MainAssemblyPath)} nor in the host");
            }
        }
        return missing;
    }

    /// <summary>True when the file is a .NET assembly with an assembly-level [CapturePlugin]; read from metadata, nothing is loaded.</summary>
    static bool DeclaresPlugins(string file, List<PluginProblem> problems)
    {
        try
        {
            using var stream = File.OpenRead(file);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata) return false;
            var metadata = pe.GetMetadataReader();
            if (!metadata.IsAssembly) return false;
            foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
            {
                var constructor = metadata.GetCustomAttribute(handle).Constructor;
                if (constructor.Kind != HandleKind.MemberReference) continue;
                var parent = metadata.GetMemberReference((MemberReferenceHandle)constructor).Parent;
                if (parent.Kind != HandleKind.TypeReference) continue;
                var type = metadata.GetTypeReference((TypeReferenceHandle)parent);
                if (metadata.StringComparer.Equals(type.Name, nameof(CapturePluginAttribute)) &&
                    metadata.StringComparer.Equals(type.Namespace, typeof(CapturePluginAttribute).Namespace!))
                    return true;
            }
            return false;
        }
        catch (BadImageFormatException)
        {
            return false; // a native library beside the plugin
        }
        catch (IOException e)
        {
            problems.Add(new PluginProblem(file, $"could not be read: {e.Message}"));
            return false;
        }
    }
}
