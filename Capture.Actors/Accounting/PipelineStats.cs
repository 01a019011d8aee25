using System.Collections.Concurrent;
using Capture.Actors.Protocol;

namespace Capture.Actors.Accounting;

/// <summary>
/// The books of one pipeline run. The ring losses are what the rings reported through the
/// stream (kernel drops, corrupt frames, unread events), so at the end they can be checked
/// against the driver's own counters; the merge and every sink keep their own stage counters.
/// </summary>
public sealed class PipelineStats
{
    readonly ConcurrentDictionary<string, StageCounters> _sinks = new();
    readonly ConcurrentQueue<CaptureGap> _gaps = new();
    readonly ConcurrentQueue<SinkFailure> _failures = new();
    readonly ConcurrentDictionary<string, StageCounters> _extensions = new();
    readonly ConcurrentQueue<PluginFailure> _pluginFailures = new();
    long _kernel;
    long _corrupt;
    long _unread;
    long _unreadable;
    long _laggingEpisodes;
    long _forcedReleases;

    public StageCounters Merge { get; } = new("merge");

    public StageCounters Sink(string name) => _sinks.GetOrAdd(name, n => new StageCounters($"sink {n}"));

    public IReadOnlyCollection<StageCounters> Sinks => _sinks.Values.ToArray();

    /// <summary>Losses before the merge, as the rings reported them in the stream.</summary>
    public DropDelta RingLosses => new(Interlocked.Read(ref _kernel), Interlocked.Read(ref _corrupt), Interlocked.Read(ref _unread), Interlocked.Read(ref _unreadable));

    internal void AddRingLosses(DropDelta drops)
    {
        if (drops.IsNone) return;
        Interlocked.Add(ref _kernel, drops.Kernel);
        Interlocked.Add(ref _corrupt, drops.Corrupt);
        Interlocked.Add(ref _unread, drops.Unread);
        Interlocked.Add(ref _unreadable, drops.Unreadable);
    }

    /// <summary>A plugin stage's books, by the name the plugin host gives it ("plugin &lt;name&gt; &lt;where&gt;").</summary>
    public StageCounters Extension(string stage) => _extensions.GetOrAdd(stage, n => new StageCounters(n));

    public IReadOnlyList<PluginFailure> PluginFailures => _pluginFailures.ToArray();

    internal void AddPluginFailure(PluginFailure failure) => _pluginFailures.Enqueue(failure);

    public IReadOnlyList<CaptureGap> Gaps => _gaps.ToArray();

    internal void AddGap(CaptureGap gap) => _gaps.Enqueue(gap);

    public IReadOnlyList<SinkFailure> SinkFailures => _failures.ToArray();

    internal void AddSinkFailure(SinkFailure failure) => _failures.Enqueue(failure);

    /// <summary>Times a ring fell more than the allowed lag behind and stopped holding the merge back.</summary>
    public long LaggingEpisodes => Interlocked.Read(ref _laggingEpisodes);

    internal void AddLaggingEpisode() => Interlocked.Increment(ref _laggingEpisodes);

    /// <summary>Times the merge released early because it held more events than it may.</summary>
    public long ForcedReleases => Interlocked.Read(ref _forcedReleases);

    internal void AddForcedRelease() => Interlocked.Increment(ref _forcedReleases);

    public IReadOnlyList<StageReport> Stages => [Merge.Snapshot(), .. _sinks.Values.Select(s => s.Snapshot()), .. _extensions.Values.Select(s => s.Snapshot())];

    public override string ToString() =>
        $"rings lost: kernel {RingLosses.Kernel}, corrupt {RingLosses.Corrupt}, unread {RingLosses.Unread}, unreadable ring {RingLosses.Unreadable}; " +
        string.Join("; ", Stages) + $"; gaps {_gaps.Count}, lagging {LaggingEpisodes}, forced {ForcedReleases}" +
        (_pluginFailures.IsEmpty ? "" : "; " + string.Join("; ", _pluginFailures));
}
