using System.Text.Json.Nodes;
using Capture.Bench;
using Capture.Bench.Micro;
using Capture.Bench.Overhead;
using Capture.Bench.Saturation;
using Capture.Bench.Steady;
using Capture.Bench.Startup;

// capture benchmarks; bench/run drives the suite. Usage:
//   Capture.Bench suite    [--quick] [--no-micro] --workload PATH --capture DLL [--out FILE]
//                          [--capture-exe PATH --scap-file FILE ... as startup, --startup-rounds N]
//   Capture.Bench overhead [--quick] [--modes a,b] [--rounds N] [--scap-anchor DIR] --workload PATH --capture DLL
//   Capture.Bench micro    [--quick] [--only Filter] [--out FILE]
//   Capture.Bench pipeline [--quick] [--passes N] [--alloc-types]
//   Capture.Bench saturation [--rounds N] [--run-seconds S] [--ring-sizes B,B,..] [--scap-anchor DIR]
//                          --workload PATH --capture DLL [--out FILE]   (merged into FILE, other keys kept)
//   Capture.Bench steady   [--rounds N] [--run-seconds S] --workload PATH --capture DLL [--out FILE]   (merged into FILE)
//   Capture.Bench soak     --minutes M --workload PATH --capture DLL [--out FILE]
//   Capture.Bench startup  [--rounds N] --capture-exe PATH --scap-file FILE [--scap-open PATH] [--memlock-shim SO] [--out FILE]
//   Capture.Bench file-read  [--events N] [--gzip] [--path FILE]
//   Capture.Bench file-write [--events N] [--gzip] [--path FILE]
var mode = args.FirstOrDefault() ?? "";
var quick = args.Contains("--quick");
var results = Path.GetFullPath(Option("--results") ?? Path.Combine("bench", "results"));

try
{
    switch (mode)
    {
        case "suite":
        {
            var json = new Suite(new SuiteSettings(
                OverheadSettingsFromArgs(),
                quick,
                Micro: !quick && !args.Contains("--no-micro"),
                FileEvents: quick ? 1_000_000 : 5_000_000,
                PipelineWarmUp: TimeSpan.FromSeconds(quick ? 1 : 3),
                PipelineWindow: TimeSpan.FromSeconds(quick ? 2 : 5),
                MicroArtifacts: Path.Combine(results, "micro"),
                Saturation: quick ? null : SaturationSettingsFromArgs(),
                Steady: SteadySettingsFromArgs(),
                Startup: Option("--capture-exe") is null ? null : StartupSettingsFromArgs())).Run();
            Finish(json, Option("--out") ?? Path.Combine(results, "latest.json"));
            break;
        }
        case "overhead":
        {
            var overhead = new OverheadBenchmark(OverheadSettingsFromArgs(), Console.Error).Run();
            var json = new JsonObject { ["overhead"] = Suite.OverheadJson(overhead) };
            Console.Write(ResultTable.Render(json));
            break;
        }
        case "saturation":
        {
            var settings = SaturationSettingsFromArgs();
            MergeIntoLatest("saturation", Suite.SaturationJson(new SaturationBenchmark(settings, Console.Error), settings));
            break;
        }
        case "steady":
        {
            var settings = SteadySettingsFromArgs();
            MergeIntoLatest("steady", Suite.SteadyJson(new SteadyBenchmark(settings, Console.Error).Run(), settings));
            break;
        }
        case "pipeline":
        {
            // The simulated pipeline alone, several passes in one process: quick to compare commits.
            var passes = int.Parse(Option("--passes") ?? "3");
            using var sampler = args.Contains("--alloc-types") ? new AllocationSampler() : null;
            for (var pass = 0; pass < passes; pass++)
            {
                sampler?.Reset();
                Console.WriteLine(Suite.MeasurePipeline(TimeSpan.FromSeconds(quick ? 1 : 3), TimeSpan.FromSeconds(quick ? 2 : 5)));
                foreach (var (type, bytes) in sampler?.Top(12) ?? []) Console.WriteLine($"  {bytes,14:N0} B sampled  {type}");
            }
            break;
        }
        case "startup":
        {
            // Only the start-up rows: whole-process timings, a few seconds a round.
            var json = new JsonObject { ["machine"] = Suite.Machine() };
            json["startup"] = Suite.StartupJson(new StartupBenchmark(StartupSettingsFromArgs(), Console.Error).Run());
            json["machine"]!["load_average_end"] = Suite.LoadAverage();
            Finish(json, Option("--out") ?? Path.Combine(results, "startup.json"));
            break;
        }
        case "micro":
        {
            var json = new JsonObject
            {
                ["quick"] = quick,
                ["micro"] = Suite.MicroJson(MicroBenchmarks.Run(Path.Combine(results, "micro"), Console.Error, Option("--only"), quick)),
            };
            Finish(json, Option("--out") ?? Path.Combine(results, "micro.json"));
            break;
        }
        case "soak":
        {
            var minutes = double.Parse(Option("--minutes") ?? throw new ArgumentException("soak needs --minutes M"), System.Globalization.CultureInfo.InvariantCulture);
            var soak = new SoakBenchmark(OverheadSettingsFromArgs(), Console.Error).Run(TimeSpan.FromMinutes(minutes), TimeSpan.FromSeconds(Math.Clamp(minutes * 60 / 20, 1, 30)));
            var s = soak.Summary;
            var json = new JsonObject
            {
                ["soak"] = new JsonObject
                {
                    ["minutes"] = minutes,
                    ["first_rss_mb"] = Suite.Number(soak.Rss.FirstOrDefault()?.RssMb ?? double.NaN),
                    ["last_rss_mb"] = Suite.Number(soak.Rss.LastOrDefault()?.RssMb ?? double.NaN),
                    ["peak_rss_mb"] = Suite.Number(soak.PeakRssMb),
                    ["rss_mb"] = new JsonArray(soak.Rss.Select(r => (JsonNode)new JsonArray(Suite.Number(r.Seconds), Suite.Number(r.RssMb))).ToArray()),
                    ["kernel_seen"] = s.KernelSeen,
                    ["delivered"] = s.Delivered,
                    ["kernel_dropped"] = s.KernelDropped,
                    ["corrupt"] = s.Corrupt,
                    ["unread"] = s.Unread,
                    ["dropped_in_pipeline"] = s.DroppedInPipeline,
                    ["unaccounted"] = s.Unaccounted,
                    ["events_per_s"] = Suite.Number(s.Delivered / s.Seconds),
                    ["workload_runs"] = soak.WorkloadRuns,
                },
            };
            Finish(json, Option("--out") ?? Path.Combine(results, "soak.json"));
            break;
        }
        case "file-write":
        {
            var path = FilePath();
            try
            {
                FileBenchmarks.Write(path, Events(), args.Contains("--gzip"));
                FileBenchmarks.Write(path, Events(), args.Contains("--gzip"));
            }
            finally { if (Option("--path") is null) File.Delete(path); }
            break;
        }
        case "file-read":
        {
            var path = FilePath();
            try
            {
                FileBenchmarks.Write(path, Events(), args.Contains("--gzip"));
                // The first pass warms the JIT and the page cache; the later ones are the figure.
                for (var pass = 0; pass < 3; pass++) FileBenchmarks.Read(path, Events());
                for (var pass = 0; pass < 2; pass++) FileBenchmarks.ReadIntoBatches(path, Events());
            }
            finally { if (Option("--path") is null) File.Delete(path); }
            break;
        }
        default:
            Console.Error.WriteLine("usage: Capture.Bench suite|overhead|saturation|steady|micro|pipeline|soak|startup|file-read|file-write [options]; see bench/run");
            return 2;
    }
    return 0;
}
catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or IOException)
{
    Console.Error.WriteLine($"Capture.Bench {mode}: {e.Message}");
    return 1;
}

// One part of the suite run alone: merged into the last suite's results (--out, default
// latest.json), whose other keys stay while this one is replaced, and printed alone.
void MergeIntoLatest(string key, JsonObject part)
{
    var path = Option("--out") ?? Path.Combine(results, "latest.json");
    var json = File.Exists(path) && JsonNode.Parse(File.ReadAllText(path)) is JsonObject last ? last : new JsonObject();
    json[key] = part;
    Suite.Save(json, path);
    Console.Write(ResultTable.Render(new JsonObject { [key] = part.DeepClone() }));
    Console.WriteLine($"results: {path}");
}

void Finish(JsonObject json, string path)
{
    Suite.Save(json, path);
    Console.Write(ResultTable.Render(json));
    Console.WriteLine($"results: {path}");
}

OverheadSettings OverheadSettingsFromArgs() => new(
    Option("--workload") ?? throw new ArgumentException("--workload PATH (the built bench/workload/workload.c) is required"),
    Option("--capture") ?? throw new ArgumentException("--capture DLL (Capture.Host's capture.dll) is required"),
    Option("--modes")?.Split(',') ?? Workload.Modes,
    int.Parse(Option("--rounds") ?? (quick ? "3" : "5")),
    TimeSpan.FromSeconds(double.Parse(Option("--run-seconds") ?? (quick ? "0.3" : "1"), System.Globalization.CultureInfo.InvariantCulture)))
{
    ScapOpenDirectory = ScapAnchor(),
};

// Where ../shared/anchor/build-scap-open.sh installed scap-open (bin/) and its shim (lib/).
string ScapAnchor() => Option("--scap-anchor") ?? ScapOpen.DefaultDirectory;

SaturationSettings SaturationSettingsFromArgs() => new(
    Option("--workload") ?? throw new ArgumentException("--workload PATH (the built bench/workload/workload.c) is required"),
    Option("--capture") ?? throw new ArgumentException("--capture DLL (Capture.Host's capture.dll) is required"),
    ScapAnchor(),
    Option("--ring-sizes")?.Split(',').Select(RingBytes).ToArray() ?? SaturationSettings.DefaultRingBytes,
    int.Parse(Option("--saturation-rounds") ?? (mode == "saturation" ? Option("--rounds") : null) ?? "2"),
    TimeSpan.FromSeconds(double.Parse((mode == "saturation" ? Option("--run-seconds") : null) ?? "10", System.Globalization.CultureInfo.InvariantCulture)));

SteadySettings SteadySettingsFromArgs() => new(
    Option("--workload") ?? throw new ArgumentException("--workload PATH (the built bench/workload/workload.c) is required"),
    Option("--capture") ?? throw new ArgumentException("--capture DLL (Capture.Host's capture.dll) is required"),
    int.Parse(Option("--steady-rounds") ?? (mode == "steady" ? Option("--rounds") : null) ?? (quick ? "1" : "3")),
    TimeSpan.FromSeconds(quick ? 2 : 3),
    TimeSpan.FromSeconds(double.Parse((mode == "steady" ? Option("--run-seconds") : null) ?? (quick ? "4" : "8"), System.Globalization.CultureInfo.InvariantCulture)),
    Path.GetFullPath("artifacts"));

long RingBytes(string text) =>
    long.TryParse(text, out var bytes) && bytes > 0 && (bytes & (bytes - 1)) == 0 ? bytes
    : throw new ArgumentException($"--ring-sizes: '{text}' is not a power of two of bytes");
StartupSettings StartupSettingsFromArgs() => new(
    Option("--capture-exe") ?? throw new ArgumentException("--capture-exe PATH (the published capture, scripts/publish.sh) is required"),
    Option("--scap-file") ?? throw new ArgumentException("--scap-file FILE (bench/mkbigscap.py's 572,000 events) is required"),
    Option("--scap-open"),
    Option("--memlock-shim"),
    int.Parse(Option("--startup-rounds") ?? (mode == "startup" ? Option("--rounds") : null) ?? "7"));

long Events() => long.Parse(Option("--events") ?? "5000000");

string FilePath() => Option("--path") ?? Path.Combine(Path.GetTempPath(), $"capture-bench-{Environment.ProcessId}.scap");

string? Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
