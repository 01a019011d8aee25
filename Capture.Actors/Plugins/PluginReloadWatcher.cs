using Akka.Actor;
using Capture.Actors.Protocol;

namespace Capture.Actors.Plugins;

/// <summary>Reloads the plugins whenever the driver supervisor starts a reload (requested or after a fault).</summary>
sealed class PluginReloadWatcher : ReceiveActor
{
    public PluginReloadWatcher(Action reload)
    {
        Receive<DriverStateChanged>(changed =>
        {
            if (changed.State == DriverState.Reloading) reload();
        });
    }

    public static Props Props(Action reload) => Akka.Actor.Props.Create(() => new PluginReloadWatcher(reload));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(DriverStateChanged));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
