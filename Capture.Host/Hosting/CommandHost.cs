using Akka.Actor;
using Capture.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Capture.Host.Hosting;

/// <summary>
/// The command's host for a capture through the pipeline: nothing but the actor system (see
/// <see cref="CaptureActorSystem"/>), no configuration files, no console logging, and no hold
/// on the process's signals. Started only when the pipeline runs: `capture -r FILE` without
/// plugins reads the file directly and starts none of this.
/// </summary>
public sealed class CommandHost : IAsyncDisposable
{
    readonly IHost _host;

    CommandHost(IHost host) => _host = host;

    public ActorSystem System => _host.Services.GetRequiredService<ActorSystem>();

    public static async Task<CommandHost> StartAsync()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddCaptureActorSystem(ActorSystemLog.Stderr);
        builder.Services.AddSingleton<IHostLifetime, SignalsLeftToTheCommand>();
        var host = builder.Build();
        await host.StartAsync();
        return new CommandHost(host);
    }

    /// <summary>Stops the actor system (coordinated shutdown) and the host.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>
    /// The command handles Ctrl-C and SIGTERM itself (the first stops cleanly, a second exits).
    /// The generic host's console lifetime would take them too, and would hold the process's
    /// exit until the host is disposed, so a second Ctrl-C could not end it.
    /// </summary>
    sealed class SignalsLeftToTheCommand : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
