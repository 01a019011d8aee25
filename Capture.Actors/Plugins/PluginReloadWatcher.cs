using Akka.Actor;
using Capture.Actors.Protocol;
using Capture.Actors.Supervision;

namespace Capture.Actors.Plugins;

/// <summary>Reloads the plugins whenever the driver supervisor starts a reload (requested or after a fault).</summary>
sealed class PluginReloadWatcher : ReceiveActor
{
    public PluginReloadWatcher(PluginHost host)
    {
        Receive<DriverStateChanged>(changed =>
        {
            if (changed.State == DriverState.Reloading) host.Reload();
        });
    }

    public static Props Props(PluginHost host) => Akka.Actor.Props.Create(() => new PluginReloadWatcher(host));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(DriverStateChanged));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
