using System.Collections.Concurrent;
using Akka.Actor;
using Capture.Actors.Drivers;
using Capture.Actors.Protocol;

namespace Capture.Actors.Rings;

/// <summary>
/// How the supervisor and the ring readers steer the <see cref="RingsSource"/> from their own
/// threads: attach a driver's rings, detach one, mark a gap, end the stream. Commands are
/// queued and carried out on the stream's thread, in order, so the stream alone ever touches
/// a ring once it is attached. They are rare (a start, a reload, a stop), never per batch.
///
/// A command that comes after the stream has stopped is answered at once (a detached ring is
/// still announced to its owner), so nobody waits for a stream that is gone.
/// </summary>
public sealed class RingPort
{
    readonly ConcurrentQueue<RingCommand> _commands = new();
    readonly Lock _gate = new();
    Action? _wake;
    bool _stopped;

    /// <summary>
    /// All rings of a driver instance join at once, before any of them is read: a ring the
    /// merge does not know yet could not hold back the release of another ring's events.
    /// </summary>
    public void Attach(IReadOnlyList<(IEventRing Ring, IActorRef Owner)> rings) => Send(new AttachRings(rings));

    /// <summary>Detaches a ring; its owner is told <see cref="RingDetached"/> once the merge has its last losses.</summary>
    public void Detach(int ring, IActorRef owner) => Send(new DetachRing(ring, owner));

    /// <summary>Capture has a hole from here until rings join again.</summary>
    public void Gap(string reason) => Send(new MarkGap(reason));

    /// <summary>No more rings will come; the stream ends once everything before is out.</summary>
    public void Complete() => Send(CompleteStream.Instance);

    internal void Connect(Action wake)
    {
        lock (_gate) _wake = wake;
    }

    internal bool TryTake(out RingCommand command) => _commands.TryDequeue(out command!);

    /// <summary>The stream stopped: commands from now on are answered here; returns what was still queued.</summary>
    internal IReadOnlyList<RingCommand> Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            _wake = null;
            var left = new List<RingCommand>();
            while (_commands.TryDequeue(out var command)) left.Add(command);
            return left;
        }
    }

    void Send(RingCommand command)
    {
        Action? wake;
        lock (_gate)
        {
            if (_stopped)
            {
                AnswerAfterStop(command);
                return;
            }
            _commands.Enqueue(command);
            wake = _wake;
        }
        wake?.Invoke();
    }

    internal static void AnswerAfterStop(RingCommand command)
    {
        switch (command)
        {
            case AttachRings attach:
                foreach (var (ring, owner) in attach.Rings)
                {
                    LetGo(ring); // nobody is left to count what it held
                    owner.Tell(new RingDetached(ring.Id), ActorRefs.NoSender);
                }
                break;
            case DetachRing detach:
                detach.Owner.Tell(new RingDetached(detach.Ring), ActorRefs.NoSender);
                break;
        }
    }

    static void LetGo(IEventRing ring)
    {
        try
        {
            ring.Abandon();
        }
        catch (Exception)
        {
            // A ring that cannot even be let go of has nothing more to give.
        }
    }
}

abstract record RingCommand;

sealed record AttachRings(IReadOnlyList<(IEventRing Ring, IActorRef Owner)> Rings) : RingCommand;

sealed record DetachRing(int Ring, IActorRef Owner) : RingCommand;

sealed record MarkGap(string Reason) : RingCommand;

sealed record CompleteStream : RingCommand
{
    public static readonly CompleteStream Instance = new();
}
