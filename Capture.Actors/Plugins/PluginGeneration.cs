using Capture.Plugins;

namespace Capture.Actors.Plugins;

/// <summary>
/// One load of the plugins, wired: the stage chains per extension point and the sinks. A
/// reload builds a new generation and swaps it in; the old one is retired once the last
/// user (each extension point, each sink) has moved off it, and only then are its load
/// contexts unloaded, so no plugin code is unloaded while a thread may still run it.
///
/// Users count: the host holds one reference while the generation is current, each user one
/// while it uses it. <see cref="TryEnter"/> fails on a retired generation, so a user that
/// read a generation just as it was retired reads again.
/// </summary>
sealed class PluginGeneration
{
    readonly IReadOnlyList<PluginLoadContext> _contexts;
    readonly IReadOnlyDictionary<string, StageChain> _beforeSink;
    int _users = 1;

    public PluginGeneration(
        int number,
        StageChain afterDecode,
        StageChain afterMerge,
        IReadOnlyDictionary<string, StageChain> beforeSink,
        IReadOnlyDictionary<string, IPluginSink> sinks,
        IReadOnlyList<PluginLoadContext> contexts)
    {
        Number = number;
        AfterDecode = afterDecode;
        AfterMerge = afterMerge;
        _beforeSink = beforeSink;
        Sinks = sinks;
        _contexts = contexts;
    }

    public int Number { get; }
    public StageChain AfterDecode { get; }
    public StageChain AfterMerge { get; }

    /// <summary>Plugin sinks by their pipeline name, <c>&lt;plugin&gt;/&lt;sink&gt;</c>.</summary>
    public IReadOnlyDictionary<string, IPluginSink> Sinks { get; }

    public IReadOnlyDictionary<string, StageChain> BeforeSinkChains => _beforeSink;

    public StageChain BeforeSink(string sink) => _beforeSink.GetValueOrDefault(sink) ?? StageChain.Empty;

    public StageChain At(ExtensionPointKind kind) => kind == ExtensionPointKind.AfterDecode ? AfterDecode : AfterMerge;

    public bool TryEnter()
    {
        while (true)
        {
            var users = Volatile.Read(ref _users);
            if (users == 0) return false;
            if (Interlocked.CompareExchange(ref _users, users + 1, users) == users) return true;
        }
    }

    public void Leave()
    {
        if (Interlocked.Decrement(ref _users) == 0)
            foreach (var context in _contexts) context.Unload();
    }
}
