using Capture.Host.Configuration;
using Capture.Hosting.Configuration;
using Capture.Specs.Support;
using Microsoft.Extensions.Configuration;

namespace Capture.Host.Specs.Configuration;

/// <summary>The sample settings shipped as /etc/capture/appsettings.json are what `serve` accepts.</summary>
public sealed class SampleSettingsSpecs
{
    static readonly string Sample = Path.Combine(RepoPaths.Root, "Capture.Host", "appsettings.sample.json");

    [Fact]
    public void The_commented_sample_loads_and_every_setting_in_it_is_valid()
    {
        // Its comments are the point of a sample: the JSON provider must take them.
        Assert.Contains("\n    // ", File.ReadAllText(Sample));
        var outputs = Directory.CreateTempSubdirectory("capture-sample-").FullName;
        try
        {
            var loaded = new ConfigurationBuilder().AddJsonFile(Sample).Build();
            // Its output directories are the package's; everything else is checked as it is.
            var paths = loaded.GetSection("Capture:Outputs").GetChildren()
                .Select(o => new KeyValuePair<string, string?>($"{o.Path}:Path", Path.Combine(outputs, Path.GetFileName(o["Path"]!))));
            var configuration = new ConfigurationBuilder().AddJsonFile(Sample).AddInMemoryCollection(paths).Build();

            var options = new CaptureSettings(configuration).TryRead(out var problems);
            Assert.Empty(problems);
            Assert.NotNull(options);
            Assert.Equal([OutputKind.Scap, OutputKind.Json], options.Outputs.Select(o => o.Kind));
            Assert.All(options.Outputs, o => Assert.NotNull(o.Filter));
            Assert.True(options.Outputs[0].Gzip);
            Assert.NotNull(options.Filter);
            Assert.Empty(ConfigurationCheck.Problems<MetricsOptions>(configuration.GetSection("Metrics")));
            Assert.Equal(ConfigurationCheck.Sections.Order(), configuration.GetChildren().Select(c => c.Key).Append("Plugins").Order());
        }
        finally
        {
            Directory.Delete(outputs, recursive: true);
        }
    }
}
