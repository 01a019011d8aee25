using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Native.Batches;
using Capture.Plugins;

namespace Capture.Actors.Plugins;

/// <summary>
/// A plugin's sink as the fan-out sees it: one <see cref="ICaptureSink"/> for the whole run,
/// delivering to whichever instance the current plugin generation holds under its name. At
/// a reload the old instance is completed (so it writes out what it has) before the new one
/// gets its first batch. A sink that throws is reported and rethrown, so the fan-out stops
/// it as it stops any failing sink; a generation without this sink discards its batches.
///
/// The plugin is lent each batch as a view for the call; the slot keeps the reference the
/// fan-out handed over and releases it when the call returns. A lease the plugin took holds a
/// reference of its own, so the batch goes back to the pool after the call and the last lease.
/// </summary>
sealed class PluginSinkSlot : ICaptureSink
{
    readonly string _plugin;
    readonly GenerationLease _lease;
    readonly BatchLoan _loan = new();
    readonly Action<PluginFailure> _report;
    bool _failed;

    public PluginSinkSlot(string plugin, string name, GenerationSlot generations, Action<PluginFailure> report)
    {
        _plugin = plugin;
        Name = name;
        _report = report;
        _lease = new GenerationLease(generations, CompleteInstance);
    }

    public string Name { get; }

    public void Write(EventBatch batch)
    {
        // A batch a stage emptied carries only state for the built-in sinks; a plugin sink has nothing to see in it.
        if (batch.IsEmpty || _lease.Current.Sinks.GetValueOrDefault(Name) is not { } sink)
        {
            batch.Release();
            return;
        }
        try
        {
            sink.Write(_loan.Lend(batch));
        }
        catch (Exception e)
        {
            Stop(e);
            throw;
        }
        finally
        {
            _loan.End();
            batch.Release();
        }
    }

    public void Gap(CaptureGap gap)
    {
        if (_lease.Current.Sinks.GetValueOrDefault(Name) is not { } sink) return;
        try
        {
            sink.Gap(new CaptureHole(gap.From, gap.To, gap.EventsLost, gap.Reason));
        }
        catch (Exception e)
        {
            Stop(e);
            throw;
        }
    }

    public void Complete() => _lease.Release();

    void CompleteInstance(PluginGeneration leaving)
    {
        if (_failed || leaving.Sinks.GetValueOrDefault(Name) is not { } sink) return;
        try
        {
            sink.Complete();
        }
        catch (Exception e)
        {
            _failed = true;
            _report(new PluginFailure(_plugin, $"sink {Name}", "failed completing", e));
        }
    }

    void Stop(Exception cause)
    {
        _failed = true;
        _report(new PluginFailure(_plugin, $"sink {Name}", "stopped", cause));
        _lease.Release(); // the fan-out calls nothing more; let a reload unload it
    }
}
