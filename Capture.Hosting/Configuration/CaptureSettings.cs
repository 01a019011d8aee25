using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Capture.Hosting.Configuration;

/// <summary>
/// The `Capture` section as a capture may run with it: every key a setting, every value
/// converted and valid. A service reads it at every configuration reload, so that a bad value
/// written into appsettings.json while it runs is refused and named instead of reaching the
/// driver (or being dropped by the binder without a word).
/// </summary>
public sealed class CaptureSettings(IConfiguration configuration)
{
    public const string SectionName = "Capture";

    /// <summary>The whole configuration, where plugins find their own settings (`Plugins:&lt;name&gt;`).</summary>
    public IConfiguration Configuration => configuration;

    /// <summary>Fires when any configuration source reloads.</summary>
    public IChangeToken GetReloadToken() => configuration.GetReloadToken();

    /// <summary>The options, or null with every problem (one line each) when they cannot be used.</summary>
    public CaptureOptions? TryRead(out IReadOnlyList<string> problems)
    {
        var section = configuration.GetSection(SectionName);
        problems = ConfigurationCheck.Problems<CaptureOptions>(section);
        if (problems.Count > 0) return null;
        var options = section.Get<CaptureOptions>() ?? new CaptureOptions();
        // One plugin directory is said as a plain string, as the command's --plugins says it.
        if (section.GetSection(nameof(CaptureOptions.Plugins)).Value is { Length: > 0 } directory)
            options = options with { Plugins = [directory] };
        problems = CaptureOptionsValidator.Problems(options);
        return problems.Count == 0 ? options : null;
    }
}
