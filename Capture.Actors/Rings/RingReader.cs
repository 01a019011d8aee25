using Akka.Actor;
using Capture.Actors.Protocol;

namespace Capture.Actors.Rings;

/// <summary>
/// The owner of one ring's life in the stream, one per ring of the running driver instance:
/// the supervisor watches it, tells it to leave, and hears from it when its ring faults. It
/// never touches a batch: the stream takes them from the ring itself (one thread hand-off
/// from the polling thread), and this actor only carries the ring's lifecycle.
///
/// Leaving goes through the stream (<see cref="RingPort.Detach"/>), which lets go of the ring
/// and gives the merge its last losses; the reader stops once the stream says the ring is
/// detached or finished, so the supervisor's Terminated means the merge knows everything the
/// ring took with it.
/// </summary>
public sealed class RingReader : ReceiveActor
{
    public RingReader(int ring, RingPort port)
    {
        Receive<LeaveRing>(_ => port.Detach(ring, Self));
        Receive<RingDetached>(_ => Context.Stop(Self));
        Receive<RingFinished>(_ => Context.Stop(Self));
        Receive<RingFaulted>(fault => Context.Parent.Tell(fault));
    }

    public static Props Props(int ring, RingPort port) => Akka.Actor.Props.Create(() => new RingReader(ring, port));
}
