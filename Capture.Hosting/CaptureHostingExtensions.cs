using Capture.Actors.Outputs;
using Capture.Actors.Sinks;
using Capture.Hosting.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Capture.Hosting;

/// <summary>How a .NET program embeds capture in its host.</summary>
public static class CaptureHostingExtensions
{
    /// <summary>
    /// Adds the capture service: options bound from the "Capture" section of
    /// <paramref name="configuration"/> (appsettings.json, environment, command line — whatever
    /// the host configured) and validated when the host starts and at every reload, the actor system through
    /// Akka.Hosting (logging through the host's loggers), and the hosted service that runs the
    /// pipeline into every registered sink.
    /// </summary>
    public static IServiceCollection AddCapture(this IServiceCollection services, IConfiguration configuration)
    {
        // Read through CaptureSettings, not bound as IOptions: the options monitor would throw a
        // bad value at whoever reloaded the configuration instead of letting the service refuse it.
        services.AddSingleton(new CaptureSettings(configuration));
        services.AddSingleton<CaptureRuntime>();
        services.AddCaptureActorSystem(ActorSystemLog.HostLoggers);
        services.AddHostedService<CaptureService>();
        return services;
    }

    /// <summary>
    /// Registers a <see cref="CaptureEventStream"/>: resolve it and <c>await foreach</c> over
    /// <see cref="CaptureEventStream.ReadAllAsync"/>.
    /// </summary>
    public static IServiceCollection AddCaptureEventStream(this IServiceCollection services, int capacity = 64 * 1024)
    {
        var stream = new CaptureEventStream(capacity);
        services.AddSingleton(stream);
        return services.AddSingleton<ICaptureSink>(stream);
    }

    /// <summary>Registers code to be called for each event, in timestamp order, on a sink thread of its own.</summary>
    public static IServiceCollection AddCaptureCallback(this IServiceCollection services, string name, EventCallback callback) =>
        services.AddSingleton<ICaptureSink>(new EventCallbackSink(name, callback));
}
