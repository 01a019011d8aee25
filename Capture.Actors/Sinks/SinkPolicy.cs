namespace Capture.Actors.Sinks;

/// <summary>What happens when a sink falls behind.</summary>
public abstract record SinkPolicy
{
    /// <summary>Most batches waiting for the sink.</summary>
    public abstract int Capacity { get; }

    /// <summary>Nothing is lost here: a full sink holds the whole stream back, and losses land in the kernel.</summary>
    public sealed record Lossless(int Capacity = 8) : SinkPolicy
    {
        public override int Capacity { get; } = Capacity;
    }

    /// <summary>A full sink misses batches, counted as <see cref="Accounting.DropReason.SinkOverflow"/>; the others never wait for it.</summary>
    public sealed record Lossy(int Capacity = 8) : SinkPolicy
    {
        public override int Capacity { get; } = Capacity;
    }
}

/// <summary>A sink and how it is fed.</summary>
public sealed record SinkBinding(ICaptureSink Sink, SinkPolicy Policy);
