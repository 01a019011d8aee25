using Akka.Actor;
using Akka.Event;
using Akka.Streams.Dsl;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Native.Batches;
using Capture.Plugins;
using Microsoft.Extensions.Configuration;
using Capture.Actors.Accounting;

namespace Capture.Actors.Plugins;

/// <summary>
/// The plugins of one pipeline: loads them, wires what they register into the graph through
/// <see cref="Attach"/> (which <c>CapturePipeline.Start</c> calls), and reloads them
/// with the driver without stopping the stream.
///
/// Every load makes a new <see cref="PluginGeneration"/>; the extension points and sinks pick
/// the newest up between batches, and the previous generation's load contexts are unloaded
/// once nothing runs its code any more. Counters are kept by plugin name and place, so they
/// continue across reloads. A sink a reload adds cannot join a running fan-out: it is
/// reported and attached at the next start.
/// </summary>
public sealed class PluginHost : IDisposable
{
    readonly Func<PluginLoadResult> _load;
    readonly IConfiguration _configuration;
    readonly object _gate = new();
    PluginLoadResult _pending;
    readonly GenerationSlot _generations = new();
    IReadOnlyList<PluginProblem> _problems = [];
    IReadOnlyList<LoadedPlugin> _plugins = [];
    HashSet<string> _sinkNames = [];
    HashSet<string> _pluginSinkNames = [];
    PipelineStats? _stats;
    ActorSystem? _system;
    ILoggingAdapter? _log;
    IActorRef? _watcher;
    int _loads;
    bool _disposed;

    PluginHost(Func<PluginLoadResult> load, IConfiguration? configuration, PluginSettings? settings)
    {
        _load = load;
        _configuration = configuration ?? new ConfigurationBuilder().Build();
        Settings = settings ?? new PluginSettings();
        _pending = load();
        _problems = _pending.Problems;
        _plugins = _pending.Plugins;
    }

    /// <summary>Plugins from <paramref name="directory"/>; a reload reads the directory again.</summary>
    public static PluginHost FromDirectory(string directory, IConfiguration? configuration = null, PluginSettings? settings = null) =>
        new(() => PluginLoader.LoadFrom(directory), configuration, settings);

    /// <summary>Plugins from each of <paramref name="directories"/>, as one set; a reload reads them all again.</summary>
    public static PluginHost FromDirectories(IReadOnlyList<string> directories, IConfiguration? configuration = null, PluginSettings? settings = null) =>
        new(() =>
        {
            var loads = directories.Select(PluginLoader.LoadFrom).ToList();
            return new PluginLoadResult([.. loads.SelectMany(l => l.Plugins)], [.. loads.SelectMany(l => l.Problems)]);
        }, configuration, settings);

    /// <summary>Plugins built into the host (or a spec); a reload calls <paramref name="create"/> for fresh instances.</summary>
    public static PluginHost FromInstances(Func<IEnumerable<ICapturePlugin>> create, IConfiguration? configuration = null, PluginSettings? settings = null) =>
        new(() => new PluginLoadResult(create().Select(p => new LoadedPlugin(p, "in-process", PluginContract.Version, null)).ToList(), []), configuration, settings);

    public PluginSettings Settings { get; }

    /// <summary>What the latest load refused, and what registration or wiring found wrong.</summary>
    public IReadOnlyList<PluginProblem> Problems => Volatile.Read(ref _problems);

    public IReadOnlyList<LoadedPlugin> Plugins => Volatile.Read(ref _plugins);

    /// <summary>Generations loaded so far; 1 after the start, one more per reload.</summary>
    public int Generation => Volatile.Read(ref _loads);


    /// <summary>
    /// Wires the plugins into a pipeline being built: registers them, and returns the
    /// extension-point stages and the sinks (the pipeline's own, each behind its before-sink
    /// point, then the plugins' sinks). Called once, by <c>CapturePipeline.Start</c>.
    /// </summary>
    public ExtensionStages Attach(ActorSystem system, EventBatchPool pool, PipelineStats stats, IReadOnlyList<SinkBinding> sinks)
    {
        lock (_gate)
        {
            if (_stats is not null) throw new InvalidOperationException("a plugin host serves one pipeline");
            _system = system;
            _log = Logging.GetLogger(system, "plugins");
            _stats = stats;
            _sinkNames = sinks.Select(s => s.Sink.Name).ToHashSet();
            var loaded = _pending;
            _pending = PluginLoadResult.None;
            var (generation, pluginSinks) = Build(loaded);
            _generations.Publish(generation);

            var bindings = sinks.Select(s => new SinkBinding(new StagedSink(s.Sink, _generations, pool), s.Policy)).ToList();
            foreach (var (plugin, name, delivery) in pluginSinks)
            {
                _sinkNames.Add(name);
                _pluginSinkNames.Add(name);
                SinkPolicy policy = delivery.IsLossless ? new SinkPolicy.Lossless(delivery.Capacity) : new SinkPolicy.Lossy(delivery.Capacity);
                bindings.Add(new SinkBinding(new StagedSink(new PluginSinkSlot(plugin, name, _generations, Report), _generations, pool), policy));
            }
            CheckBeforeSinkTargets(generation);
            _watcher = system.ActorOf(PluginReloadWatcher.Props(() => Reload()));
            Announce(generation);
            return new ExtensionStages(
                Flow.FromGraph(new ExtensionPointStage<RingSignal>(ExtensionPointKind.AfterDecode, RingSignalCarrier.Instance, _generations, pool, Settings)),
                Flow.FromGraph(new ExtensionPointStage<CaptureElement>(ExtensionPointKind.AfterMerge, CaptureElementCarrier.Instance, _generations, pool, Settings)),
                bindings);
        }
    }

    /// <summary>
    /// Loads the plugins again (new load contexts) and swaps them in while the stream runs.
    /// The previous generation is unloaded once no extension point or sink uses it.
    /// </summary>
    public PluginLoadResult Reload()
    {
        lock (_gate)
        {
            if (_stats is null) throw new InvalidOperationException("the plugin host is not attached to a pipeline");
            var loaded = _load();
            var (generation, pluginSinks) = Build(loaded);
            foreach (var (_, name, _) in pluginSinks.Where(s => !_sinkNames.Contains(s.Name)))
                AddProblem(new PluginProblem(name, "this sink is new since the capture started; it will be attached at the next start"));
            foreach (var name in _pluginSinkNames.Where(n => !generation.Sinks.ContainsKey(n)))
                AddProblem(new PluginProblem(name, "this sink is gone after the reload; what the capture sends it from now on is discarded"));
            CheckBeforeSinkTargets(generation);
            _generations.Publish(generation)?.Leave();
            Announce(generation);
            return loaded;
        }
    }

    (PluginGeneration, List<(string Plugin, string Name, SinkDelivery Delivery)>) Build(PluginLoadResult loaded)
    {
        var problems = loaded.Problems.ToList();
        var plugins = new List<LoadedPlugin>();
        var afterDecode = new List<PluginStage>();
        var afterMerge = new List<PluginStage>();
        var beforeSink = new Dictionary<string, List<PluginStage>>();
        var sinks = new Dictionary<string, IPluginSink>();
        var sinkList = new List<(string, string, SinkDelivery)>();
        foreach (var loadedPlugin in loaded.Plugins)
        {
            var name = loadedPlugin.Name;
            var registration = new PluginRegistration(_configuration.GetSection($"Plugins:{name}"));
            try
            {
                loadedPlugin.Plugin.Register(registration);
            }
            catch (Exception e)
            {
                problems.Add(new PluginProblem(loadedPlugin.Source, $"plugin {name} failed to register: {e.GetType().Name}: {e.Message}"));
                continue;
            }
            plugins.Add(loadedPlugin);
            foreach (var entry in registration.Stages)
            {
                var stage = new PluginStage(name, entry.At, entry.Stage, entry.OnFailure, _stats!.Extension(PluginStage.StageName(name, entry.At)), Report);
                switch (entry.At.Kind)
                {
                    case ExtensionPointKind.AfterDecode: afterDecode.Add(stage); break;
                    case ExtensionPointKind.AfterMerge: afterMerge.Add(stage); break;
                    default:
                        if (!beforeSink.TryGetValue(entry.At.Sink!, out var chain)) beforeSink[entry.At.Sink!] = chain = [];
                        chain.Add(stage);
                        break;
                }
            }
            foreach (var entry in registration.Sinks)
            {
                var sinkName = $"{name}/{entry.Sink.Name}";
                sinks[sinkName] = entry.Sink;
                sinkList.Add((name, sinkName, entry.Delivery));
            }
        }
        var generation = new PluginGeneration(
            Interlocked.Increment(ref _loads),
            new StageChain(afterDecode),
            new StageChain(afterMerge),
            beforeSink.ToDictionary(p => p.Key, p => new StageChain(p.Value)),
            sinks,
            loaded.Plugins.Select(p => p.Context).OfType<PluginLoadContext>().Distinct().ToList());
        Volatile.Write(ref _plugins, plugins);
        Volatile.Write(ref _problems, problems);
        foreach (var problem in problems) _log?.Warning("plugin refused or incomplete: {0}", problem);
        return (generation, sinkList);
    }

    void CheckBeforeSinkTargets(PluginGeneration generation)
    {
        foreach (var (plugin, sink) in BeforeSinkTargets(generation).Where(t => !_sinkNames.Contains(t.Sink)))
            AddProblem(new PluginProblem(plugin, $"adds a stage before sink '{sink}', and there is no such sink (sinks: {string.Join(", ", _sinkNames.Order())}); the stage never runs"));
    }

    static IEnumerable<(string Plugin, string Sink)> BeforeSinkTargets(PluginGeneration generation) =>
        generation.BeforeSinkChains.SelectMany(p => p.Value.Stages.Select(s => (s.Plugin, p.Key)));

    void AddProblem(PluginProblem problem)
    {
        Volatile.Write(ref _problems, [.. _problems, problem]);
        _log?.Warning("plugin problem: {0}", problem);
    }

    void Report(PluginFailure failure)
    {
        _stats?.AddPluginFailure(failure);
        _log?.Error(failure.Cause, "{0}", failure);
        _system?.EventStream.Publish(failure);
    }

    void Announce(PluginGeneration generation)
    {
        _log?.Info("plugins generation {0}: {1}", generation.Number, Plugins.Count == 0 ? "none" : string.Join(", ", Plugins));
        _system?.EventStream.Publish(new PluginsReloaded(generation.Number, Plugins.Select(p => p.Name).ToList(), Problems));
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_watcher is not null) _system?.Stop(_watcher);
            _watcher = null;
            if (!_disposed) _generations.Peek()?.Leave();
            _disposed = true;
            foreach (var context in _pending.Plugins.Select(p => p.Context).OfType<PluginLoadContext>().Distinct()) context.Unload();
        }
    }
}
