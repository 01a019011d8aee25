using System.Runtime.Loader;
using Capture.Actors.Plugins;
using Capture.Plugins;

namespace Capture.Actors.Specs.Plugins;

public sealed class PluginLoaderSpecs : IDisposable
{
    readonly List<string> _directories = [];

    string Directory(params (string Folder, string BuildOutput)[] plugins)
    {
        var directory = PluginBuilds.Directory(plugins);
        _directories.Add(directory);
        return directory;
    }

    public void Dispose()
    {
        foreach (var directory in _directories) System.IO.Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Loading_a_directory_of_built_sample_plugins_must_give_each_its_own_collectible_context()
    {
        var directory = Directory(("keep", PluginBuilds.FilterSample), ("counts", PluginBuilds.CountsSample));

        var result = PluginLoader.LoadFrom(directory);

        Assert.Empty(result.Problems);
        Assert.Equal(["keep", "syscall-counts"], result.Plugins.Select(p => p.Name).Order());
        Assert.All(result.Plugins, p =>
        {
            Assert.NotNull(p.Context);
            Assert.True(p.Context!.IsCollectible);
            Assert.Same(p.Context, AssemblyLoadContext.GetLoadContext(p.Plugin.GetType().Assembly));
            Assert.StartsWith(directory, p.Source);
            Assert.Equal(PluginContract.Version, p.BuiltAgainst);
        });
        Assert.NotSame(result.Plugins[0].Context, result.Plugins[1].Context);
        // The contract is the host's: the plugin's copy beside it is never loaded.
        Assert.All(result.Plugins, p => Assert.IsAssignableFrom<ICapturePlugin>(p.Plugin));
        foreach (var context in result.Plugins.Select(p => p.Context!)) context.Unload();
    }

    [Fact]
    public void A_plugin_built_against_contract_1_must_be_refused_with_both_versions_named()
    {
        var directory = Directory(("misfits", PluginBuilds.SpecPlugins));

        var result = PluginLoader.LoadFrom(directory);

        var refusal = Assert.Single(result.Problems, p => p.Message.Contains("contract 1.0"));
        Assert.Equal("refused: it was built against plugin contract 1.0, and this host implements contract 2.0 (a different major version)", refusal.Message);
        Assert.EndsWith("Capture.Plugins.SpecPlugins.dll", refusal.Source);
        Assert.DoesNotContain(result.Plugins, p => p.Name == "from-the-past");
    }

    [Fact]
    public void A_plugin_built_against_a_newer_minor_contract_must_be_refused_with_both_versions_named()
    {
        var directory = Directory(("misfits", PluginBuilds.SpecPlugins));

        var result = PluginLoader.LoadFrom(directory);

        var refusal = Assert.Single(result.Problems, p => p.Message.Contains("contract 2.1"));
        Assert.Contains($"this host implements contract {PluginContract.Version} (a newer minor version)", refusal.Message);
        Assert.DoesNotContain(result.Plugins, p => p.Name == "from-the-future");
    }

    [Fact]
    public void A_type_that_does_not_implement_the_contract_must_be_refused_by_name()
    {
        var directory = Directory(("misfits", PluginBuilds.SpecPlugins));

        var result = PluginLoader.LoadFrom(directory);

        Assert.Contains(result.Problems, p => p.Message == "type Capture.Plugins.SpecPlugins.NotAPlugin named by [CapturePlugin] does not implement Capture.Plugins.ICapturePlugin");
        // The assembly's valid plugin still loads, with its dependency from its own folder.
        Assert.Equal("needs-dependency", Assert.Single(result.Plugins).Name);
    }

    [Fact]
    public void A_plugin_whose_dependency_is_missing_must_be_refused_naming_the_dependency()
    {
        var directory = Directory(("misfits", PluginBuilds.SpecPlugins));
        var dependency = Path.Combine(directory, "misfits", "Capture.Plugins.SpecDependency.dll");
        var version = System.Reflection.AssemblyName.GetAssemblyName(dependency).Version;
        File.Delete(dependency);

        var result = PluginLoader.LoadFrom(directory);

        Assert.Empty(result.Plugins);
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith($"missing dependency: Capture.Plugins.SpecPlugins.dll references Capture.Plugins.SpecDependency {version}", problem.Message);
        Assert.Contains(Path.Combine(directory, "misfits"), problem.Message);
    }

    [Fact]
    public void A_missing_plugin_directory_must_be_a_problem_not_a_crash()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-plugins-" + Guid.NewGuid().ToString("N"));

        var result = PluginLoader.LoadFrom(missing);

        Assert.Empty(result.Plugins);
        Assert.Equal(new PluginProblem(missing, "the plugin directory does not exist"), Assert.Single(result.Problems));
    }

    [Theory]
    [InlineData("2.0", true)]
    [InlineData("2.1", false)]
    [InlineData("1.0", false)]
    [InlineData("3.0", false)]
    [InlineData("one", false)]
    public void Compatibility_must_hold_within_one_major_version_up_to_the_hosts_minor(string builtAgainst, bool compatible)
    {
        var why = PluginContract.Incompatibility(builtAgainst);
        Assert.Equal(compatible, why is null);
        if (why is not null) Assert.Contains(builtAgainst, why);
    }

    [Fact]
    public void The_contract_assembly_version_must_follow_the_contract_version()
    {
        var version = typeof(ICapturePlugin).Assembly.GetName().Version!;
        Assert.Equal(PluginContract.Version, $"{version.Major}.{version.Minor}");
    }
}
