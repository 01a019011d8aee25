using Capture.Actors.Outputs;
using Capture.Hosting;
using Capture.Native.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Capture.Host.Specs.Hosting;

/// <summary>A .NET program embedding capture with AddCapture, on the simulated driver.</summary>
public sealed class EmbeddedHostSpecs
{
    sealed class Received
    {
        public long Events;
        public long OutOfOrder;
        public ulong Last;
    }

    static IHost Build(Dictionary<string, string?> settings, Received received)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddCapture(builder.Configuration);
        builder.Services.AddCaptureCallback("spec", (in EventView ev, ushort cpu) =>
        {
            if (ev.Timestamp < received.Last) received.OutOfOrder++;
            received.Last = ev.Timestamp;
            received.Events++;
        });
        return builder.Build();
    }

    [Fact]
    public async Task A_callback_can_keep_its_own_thread_table_and_filter_as_the_command_does()
    {
        // The README's snippet: a thread table that asks /proc about threads it has not met,
        // and a filter parsed once, both owned by the callback (which runs on one thread).
        var threads = new Native.Processes.ThreadTable(tid => Native.ProcFs.ProcScanner.Find(tid));
        var filter = Native.Filtering.EventFilter.Parse("evt.type in (write, open) and evt.dir='<'", threads);
        long all = 0, matched = 0, wrongType = 0;
        ulong number = 0;
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Capture:Driver"] = "Simulated" });
        builder.Services.AddCapture(builder.Configuration);
        builder.Services.AddCaptureCallback("filtered", (in EventView ev, ushort cpu) =>
        {
            threads.Observe(ev);
            Interlocked.Increment(ref all);
            if (!filter.Matches(ev, ++number, cpu)) return;
            Interlocked.Increment(ref matched);
            if (ev.Info.Name is not ("write" or "open")) Interlocked.Increment(ref wrongType);
        });
        using var host = builder.Build();
        await host.StartAsync();
        for (var i = 0; i < 200 && Interlocked.Read(ref all) < 10_000; i++) await Task.Delay(50);
        await host.StopAsync();

        Assert.True(Interlocked.Read(ref matched) > 0, $"nothing matched of {all}");
        Assert.True(matched < all);
        Assert.Equal(0, wrongType);
    }

    [Fact]
    public async Task A_host_with_AddCapture_delivers_events_in_order_to_a_registered_callback_and_its_books_balance()
    {
        var received = new Received();
        using var host = Build(new() { ["Capture:Driver"] = "Simulated" }, received);
        await host.StartAsync();
        var runtime = host.Services.GetRequiredService<CaptureRuntime>();
        var pipeline = await runtime.Started.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 200 && Interlocked.Read(ref received.Events) < 10_000; i++) await Task.Delay(50);
        await host.StopAsync();

        Assert.True(received.Events >= 10_000, $"only {received.Events} events arrived");
        Assert.Equal(0, received.OutOfOrder);
        Assert.True(pipeline.Completion.IsCompleted);
        Assert.All(pipeline.Stats.Stages, stage => Assert.True(stage.Balances, stage.ToString()));
        Assert.Equal(received.Events, pipeline.Stats.Sink("spec").Snapshot().Out);
        Assert.Equal(0, pipeline.Pool.Outstanding);
    }

    [Fact]
    public async Task A_consumer_of_the_async_event_stream_reads_events_in_timestamp_order()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Capture:Driver"] = "Simulated" });
        builder.Services.AddCapture(builder.Configuration);
        builder.Services.AddCaptureEventStream();
        using var host = builder.Build();
        await host.StartAsync();

        var read = new List<CapturedEvent>();
        using var enough = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var e in host.Services.GetRequiredService<CaptureEventStream>().ReadAllAsync(enough.Token))
        {
            read.Add(e);
            if (read.Count == 5_000) break;
        }
        await host.StopAsync();

        Assert.Equal(5_000, read.Count);
        for (var i = 1; i < read.Count; i++) Assert.True(read[i - 1].Timestamp <= read[i].Timestamp);
        Assert.All(read, e => Assert.Equal(e.Info.Id, BitConverter.ToUInt16(e.Frame, 20)));
    }

    [Fact]
    public async Task A_configuration_change_reloads_the_driver_with_the_new_settings_and_the_stream_stays_in_order()
    {
        var received = new Received();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Capture:Driver"] = "Simulated" });
        builder.Services.AddCapture(builder.Configuration);
        builder.Services.AddCaptureCallback("spec", (in EventView ev, ushort cpu) =>
        {
            if (ev.Timestamp < received.Last) received.OutOfOrder++;
            received.Last = ev.Timestamp;
            received.Events++;
        });
        using var host = builder.Build();
        await host.StartAsync();
        var pipeline = await host.Services.GetRequiredService<CaptureRuntime>().Started.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 200 && Interlocked.Read(ref received.Events) < 5_000; i++) await Task.Delay(50);

        builder.Configuration["Capture:SnapLength"] = "40";
        ((IConfigurationRoot)builder.Configuration).Reload();
        var before = Interlocked.Read(ref received.Events);
        for (var i = 0; i < 200 && (pipeline.Stats.Gaps.Count == 0 || Interlocked.Read(ref received.Events) < before + 5_000); i++) await Task.Delay(50);
        await host.StopAsync();

        Assert.Equal(40, host.Services.GetRequiredService<CaptureRuntime>().Options?.SnapLength);
        Assert.Contains(pipeline.Stats.Gaps, gap => gap.Reason.Contains("configuration changed"));
        Assert.True(received.Events >= before + 5_000, $"only {received.Events - before} events after the reload");
        Assert.Equal(0, received.OutOfOrder);
        Assert.All(pipeline.Stats.Stages, stage => Assert.True(stage.Balances, stage.ToString()));
    }

    [Fact]
    public async Task Bad_settings_stop_the_host_at_start_with_every_problem_named()
    {
        using var host = Build(new() { ["Capture:Driver"] = "Simulated", ["Capture:BufferBytes"] = "3000000", ["Capture:Syscalls:0"] = "opn" }, new Received());
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("buffer size 3000000", refused.Message);
        Assert.Contains("unknown system call 'opn'", refused.Message);
    }

    [Fact]
    public async Task A_reloaded_configuration_that_cannot_be_used_is_logged_in_one_line_and_the_running_settings_are_kept()
    {
        var logged = new LoggedLines();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Capture:Driver"] = "Simulated" });
        builder.Logging.AddProvider(logged);
        builder.Services.AddCapture(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        var pipeline = await host.Services.GetRequiredService<CaptureRuntime>().Started.WaitAsync(TimeSpan.FromSeconds(10));

        foreach (var (key, value) in new[] { ("Capture:SnapLength", "70000"), ("Capture:SnapLength", "abc"), ("Capture:SnapLen", "100") })
        {
            builder.Configuration[key] = value;
            ((IConfigurationRoot)builder.Configuration).Reload();
            builder.Configuration[key] = null;
        }
        await Task.Delay(500);
        await host.StopAsync();

        // Setting a key fires a reload of its own, so each refusal may be logged more than once.
        var refused = logged.Lines.Where(l => l.Contains("configuration reload refused")).Distinct().ToList();
        Assert.Contains(refused, l => l.Contains("snap length 70000"));
        Assert.Contains(refused, l => l.Contains("Capture:SnapLength=abc"));
        Assert.Contains(refused, l => l.Contains("unknown setting Capture:SnapLen "));
        Assert.All(refused, l => Assert.DoesNotContain('\n', l));
        Assert.Empty(pipeline.Stats.Gaps);
        Assert.Equal(Capture.Hosting.Configuration.CaptureOptions.DefaultSnapLength, host.Services.GetRequiredService<CaptureRuntime>().Options?.SnapLength);
        Assert.Contains(logged.Lines, l => l.StartsWith("driver running", StringComparison.Ordinal));
    }

    /// <summary>What the host logged, one string per message.</summary>
    sealed class LoggedLines : Microsoft.Extensions.Logging.ILoggerProvider, Microsoft.Extensions.Logging.ILogger
    {
        readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
