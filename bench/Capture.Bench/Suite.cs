using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Akka.Actor;
using Capture.Actors.Measurement;
using Capture.Bench.Micro;
using Capture.Bench.Overhead;
using Capture.Bench.Saturation;
using Capture.Bench.Startup;
using Capture.Bench.Steady;

namespace Capture.Bench;

/// <summary>
/// The whole benchmark suite behind bench/run: overhead on the traced program, pipeline and
/// file throughput, optionally drops under saturation against scap-open and the micro-benchmarks; results as JSON (keys kept stable so runs
/// compare over time) and a short table. Progress goes to stderr, the table to stdout.
/// </summary>
internal sealed class Suite(SuiteSettings settings)
{
    readonly TextWriter _log = Console.Error;

    public JsonObject Run()
    {
        var json = new JsonObject { ["machine"] = Machine(), ["quick"] = settings.Quick };

        _log.WriteLine("== overhead on the traced program (interleaved: baseline, capture -q, bpftrace floor, libs' scap-open)");
        var overheadBenchmark = new OverheadBenchmark(settings.Overhead, _log);
        if (overheadBenchmark.ScapOpenMissing is { } missing) _log.WriteLine($"  scap-open's rows are left out: {missing}");
        var overhead = overheadBenchmark.Run();
        json["overhead"] = OverheadJson(overhead);

        _log.WriteLine("== pipeline: simulated driver through the full graph to a counting sink");
        var pipeline = MeasurePipeline();
        _log.WriteLine(pipeline);
        json["pipeline"] = new JsonObject
        {
            ["events_per_s"] = Number(pipeline.EventsPerSecond),
            ["cpu_ns_per_event"] = Number(pipeline.CpuNsPerEvent),
            ["alloc_bytes_per_event"] = Number(pipeline.AllocatedBytesPerEvent),
            ["rings"] = pipeline.Rings,
            ["events"] = pipeline.Events,
            ["kernel_dropped"] = pipeline.KernelDropped,
            ["out_of_order"] = pipeline.OutOfOrder,
        };

        _log.WriteLine("== scap files: write, then read + decode");
        FileBenchmarks.Log = _log;
        var path = Path.Combine(Path.GetTempPath(), $"capture-bench-{Environment.ProcessId}.scap");
        try
        {
            var written = Enumerable.Range(0, 2).Select(_ => FileBenchmarks.Write(path, settings.FileEvents, compress: false)).Last();
            FileBenchmarks.Read(path, settings.FileEvents); // warms the JIT and the page cache
            var read = Enumerable.Range(0, 2).Select(_ => FileBenchmarks.Read(path, settings.FileEvents)).MaxBy(r => r.EventsPerSecond)!;
            var batches = Enumerable.Range(0, 2).Select(_ => FileBenchmarks.ReadIntoBatches(path, settings.FileEvents)).MaxBy(r => r.EventsPerSecond)!;
            json["file_read"] = new JsonObject
            {
                ["events_per_s"] = Number(read.EventsPerSecond),
                ["mb_per_s"] = Number(read.MegabytesPerSecond),
                ["events_per_cpu_s"] = Number(read.Events / read.CpuSeconds),
                ["into_batches_events_per_s"] = Number(batches.EventsPerSecond),
                ["events"] = read.Events,
            };
            json["file_write"] = new JsonObject
            {
                ["mb_per_s"] = Number(written.MegabytesPerSecond),
                ["events_per_s"] = Number(written.EventsPerSecond),
                ["events"] = written.Events,
            };
        }
        finally
        {
            File.Delete(path);
        }

        if (settings.Saturation is { } saturation)
        {
            _log.WriteLine("== saturation: getppid loops on every CPU, scap-open and capture -q taking turns per ring size");
            json["saturation"] = SaturationJson(new SaturationBenchmark(saturation, _log), saturation);
        }

        if (settings.Steady is { } steady)
        {
            _log.WriteLine("== steady state: getppid loops on every CPU, capture's CPU per delivered event over a window after warm-up, -q and -w");
            json["steady"] = SteadyJson(new SteadyBenchmark(steady, _log).Run(), steady);
        }

        if (settings.Startup is { } startup)
        {
            _log.WriteLine("== start-up: capture --version, capture -q -r against scap-open --scap_file (interleaved, whole process)");
            json["startup"] = StartupJson(new StartupBenchmark(startup, _log).Run());
        }

        if (settings.Micro) json["micro"] = MicroJson(MicroBenchmarks.Run(settings.MicroArtifacts, _log));
        json["machine"]!["load_average_end"] = LoadAverage();
        return json;
    }

    PipelineThroughput.Result MeasurePipeline() => MeasurePipeline(settings.PipelineWarmUp, settings.PipelineWindow);

    public static PipelineThroughput.Result MeasurePipeline(TimeSpan warmUp, TimeSpan window)
    {
        using var system = ActorSystem.Create("bench", "akka.loglevel = WARNING");
        return PipelineThroughput.MeasureAsync(system, rings: 4, warmUp: warmUp, window: window).GetAwaiter().GetResult();
    }

    public static JsonObject OverheadJson(IReadOnlyList<OverheadResult> results)
    {
        var json = new JsonObject();
        foreach (var r in results)
            json[r.Mode] = new JsonObject
            {
                ["baseline_ns"] = Number(r.BaselineNs),
                ["capture_ns"] = Number(r.CaptureNs),
                ["floor_ns"] = Number(r.FloorNs),
                ["overhead_pct"] = Number(r.OverheadPercent),
                ["events_per_s"] = Number(r.EventsPerSecond),
                ["drops"] = r.Drops,
                ["cpu_ns_per_event"] = Number(r.CpuNsPerEvent),
                ["peak_rss_mb"] = Number(r.PeakRssMb),
                ["added_ns"] = Number(r.AddedNs),
                ["floor_added_ns"] = Number(r.FloorAddedNs),
                ["floor_overhead_pct"] = Number(r.FloorOverheadPercent),
                ["added_to_floor"] = Number(r.AddedToFloor),
                ["floor_target_ratio"] = r.FloorTargetApplies ? JsonValue.Create(OverheadResult.FloorTarget) : null,
                ["scap_open_ns"] = Number(r.ScapOpenNs),
                ["scap_open_added_ns"] = Number(r.ScapOpenAddedNs),
                ["added_to_scap_open"] = Number(r.AddedToScapOpen),
                ["scap_open_target_ratio"] = OverheadResult.ScapOpenTarget,
                ["unaccounted"] = r.Unaccounted,
                ["iterations"] = r.Iterations,
                ["rounds"] = r.Rounds,
            };
        return json;
    }

    /// <summary>Each output's medians, the targets beside them as ratios, and every round.</summary>
    public static JsonObject SteadyJson(IReadOnlyList<SteadyResult> results, SteadySettings settings)
    {
        var json = new JsonObject
        {
            ["window_s"] = Number(settings.Window.TotalSeconds),
            ["warm_up_s"] = Number(settings.WarmUp.TotalSeconds),
            ["rounds"] = settings.Rounds,
            ["target_events_per_s"] = SteadySettings.TargetEventsPerSecond,
            ["load_average"] = LoadAverage(),
        };
        foreach (var r in results)
        {
            var row = new JsonObject
            {
                ["cpu_ns_per_event"] = Number(r.MedianCpuNsPerEvent),
                ["events_per_s"] = Number(r.MedianEventsPerSecond),
                ["dropped"] = r.Rounds.Sum(x => x.Dropped),
            };
            json[r.Output] = row;
            if (SteadySettings.TargetNsPerEvent.TryGetValue(r.Output, out var target))
            {
                row["target_ns"] = target;
                row["ratio"] = Number(r.MedianCpuNsPerEvent / target);
                row["goal_met"] = r.MedianCpuNsPerEvent <= target && r.MedianEventsPerSecond >= SteadySettings.TargetEventsPerSecond;
            }
            row["rounds"] = new JsonArray(r.Rounds.Select(x => (JsonNode)new JsonObject
                {
                    ["events"] = x.Events,
                    ["seconds"] = Number(x.Seconds),
                    ["cpu_ns_per_event"] = Number(x.CpuNsPerEvent),
                    ["dropped"] = x.Dropped,
                    ["load_average"] = Number(x.LoadAverage),
                }).ToArray());
        }
        // A ring per CPU against one ring for all of them, same load: the cost must not grow with the rings.
        var perCpu = results.FirstOrDefault(r => r.Output == "q");
        var shared = results.FirstOrDefault(r => r.Output == SteadySettings.OneRing);
        if (perCpu is not null && shared is not null)
            json["ring_growth"] = Number(perCpu.MedianCpuNsPerEvent / shared.MedianCpuNsPerEvent);
        return json;
    }

    /// <summary>Runs the saturation benchmark, or says why it was skipped (scap-open not built).</summary>
    public static JsonObject SaturationJson(SaturationBenchmark benchmark, SaturationSettings settings)
    {
        var json = new JsonObject
        {
            ["window_s"] = Number(settings.Window.TotalSeconds),
            ["rounds"] = settings.Rounds,
            ["goal_ratio"] = SaturationResult.Goal,
        };
        if (benchmark.Skipped is { } why)
        {
            json["skipped"] = why;
            return json;
        }
        json["load_average"] = LoadAverage();
        var sizes = new JsonObject();
        foreach (var r in benchmark.Run())
        {
            sizes[r.RingBytes.ToString(CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["scap_open_events"] = r.ScapOpen.Sum(t => t.Events),
                ["scap_open_dropped"] = r.ScapOpenDropped,
                ["capture_events"] = r.Capture.Sum(t => t.Events),
                ["capture_dropped"] = r.CaptureDropped,
                ["ratio"] = Number(r.Ratio),
                ["goal_met"] = r.GoalMet,
                ["rounds"] = new JsonArray(r.ScapOpen.Zip(r.Capture, (scap, capture) => (JsonNode)new JsonObject
                {
                    ["scap_open"] = new JsonArray(scap.Events, scap.Dropped),
                    ["capture"] = new JsonArray(capture.Events, capture.Dropped),
                    ["load_average"] = Number(capture.LoadAverage),
                    ["capture_poller_late_mean_us"] = capture.Poller is { } p ? Number(p.MeanLateUs) : null,
                    ["capture_poller_late_max_us"] = capture.Poller is { } q ? Number(q.MaxLateUs) : null,
                    ["capture_rings_nearly_full"] = capture.Poller?.NearlyFullRounds,
                    ["capture_handoff_stalls"] = capture.Poller?.StalledRounds,
                }).ToArray()),
            };
        }
        json["sizes"] = sizes;
        json["load_average_end"] = LoadAverage();
        return json;
    }
    public static JsonObject StartupJson(StartupResult r) => new()
    {
        ["capture"] = r.Capture,
        ["capture_build"] = CaptureBuild.Of(r.Capture),
        ["rounds"] = r.Rounds,
        ["events"] = r.Events,
        ["version_ms"] = Number(r.Version.WallMs),
        ["version_cpu_ms"] = Number(r.Version.CpuMs),
        ["version_target_ms"] = StartupBenchmark.VersionTargetMs,
        ["version_to_target"] = Number(r.Version.WallMs / StartupBenchmark.VersionTargetMs),
        ["read_ms"] = Number(r.Read.WallMs),
        ["read_cpu_ms"] = Number(r.Read.CpuMs),
        ["scap_open_ms"] = Number(r.ScapOpen?.WallMs ?? double.NaN),
        ["scap_open_cpu_ms"] = Number(r.ScapOpen?.CpuMs ?? double.NaN),
        ["read_to_scap_open"] = Number(r.ReadToScapOpen),
        ["read_to_scap_open_cpu"] = Number(r.ReadToScapOpenCpu),
        ["read_target_ratio"] = StartupBenchmark.ReadTargetRatio,
    };

    public static JsonObject MicroJson(IReadOnlyList<MicroBenchmarks.Result> results)
    {
        var json = new JsonObject();
        foreach (var r in results)
            json[r.Name] = new JsonObject { ["ns_per_op"] = Number(r.NsPerOperation), ["alloc_bytes_per_op"] = Number(r.AllocatedBytesPerOperation) };
        return json;
    }

    public static JsonObject Machine() => new()
    {
        ["utc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["kernel"] = File.ReadAllText("/proc/sys/kernel/osrelease").Trim(),
        ["cpus"] = Environment.ProcessorCount,
        ["load_average"] = LoadAverage(),
        ["commit"] = Environment.GetEnvironmentVariable("CAPTURE_BENCH_COMMIT") ?? "",
    };

    /// <summary>The 1-minute load average: on a shared machine it says how much the figures can be trusted.</summary>
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary><see cref="LoadAverage"/> as a number, for figures kept per round.</summary>
    public static double LoadAverageNow() => double.Parse(LoadAverage(), CultureInfo.InvariantCulture);

    /// <summary>JSON has no NaN: a figure that could not be measured is null.</summary>
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 3)) : null;

    public static void Save(JsonObject json, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}

internal sealed record SuiteSettings(
    OverheadSettings Overhead,
    bool Quick,
    bool Micro,
    long FileEvents,
    TimeSpan PipelineWarmUp,
    TimeSpan PipelineWindow,
    string MicroArtifacts,
    SaturationSettings? Saturation = null,
    StartupSettings? Startup = null,
    SteadySettings? Steady = null);
