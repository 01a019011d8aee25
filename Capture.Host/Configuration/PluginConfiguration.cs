using Microsoft.Extensions.Configuration;

namespace Capture.Host.Configuration;

/// <summary>
/// Where plugins find their settings (the `Plugins:&lt;name&gt;` section): `appsettings.json` in
/// the working directory, then environment variables prefixed `CAPTURE_`, with `__` between
/// levels (`CAPTURE_Plugins__keep__Types__0=open`). Later sources win.
/// </summary>
public static class PluginConfiguration
{
    public static IConfiguration Load() => new ConfigurationBuilder()
        .SetBasePath(Directory.GetCurrentDirectory())
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables("CAPTURE_")
        .Build();
}
