using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Capture.Bench.Micro;

/// <summary>
/// Runs the BenchmarkDotNet micro-benchmarks in this process (no generated project to
/// build) and returns ns and allocated bytes per operation, one operation being one event
/// or record. BenchmarkDotNet's own report lands in bench/results/micro/.
/// </summary>
internal static class MicroBenchmarks
{
    public sealed record Result(string Name, double NsPerOperation, double AllocatedBytesPerOperation);

    static readonly Type[] s_all =
        [typeof(RingConsumptionBenchmarks), typeof(DecodeBenchmarks), typeof(MergeBenchmarks), typeof(FormatBenchmarks), typeof(FilterBenchmarks)];

    /// <param name="only">A class's name without "Benchmarks" (Filter) to run that one alone; null for all.</param>
    /// <param name="quick">Fewer warm-up and measured iterations: a look, not a figure to compare runs by.</param>
    public static IReadOnlyList<Result> Run(string artifacts, TextWriter log, string? only = null, bool quick = false)
    {
        var types = only is null ? s_all : s_all.Where(t => t.Name == only + "Benchmarks").ToArray();
        if (types.Length == 0)
            throw new ArgumentException($"no micro-benchmark named {only}; there are {string.Join(", ", s_all.Select(t => t.Name.Replace("Benchmarks", "")))}");
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(quick ? 1 : 3)
            .WithIterationCount(quick ? 3 : 10);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddExporter(BenchmarkDotNet.Exporters.MarkdownExporter.GitHub)
            .AddLogger(new WriterLogger(log))
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableLogFile);
        var summaries = BenchmarkRunner.Run(types, config);
        var results = new List<Result>();
        foreach (var summary in summaries)
            foreach (var report in summary.Reports)
            {
                if (report.ResultStatistics is null) throw new InvalidOperationException($"micro-benchmark {report.BenchmarkCase.DisplayInfo} produced no result");
                var name = report.BenchmarkCase.Descriptor.Type.Name.Replace("Benchmarks", "") + "." + report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
                var parameters = report.BenchmarkCase.Parameters.DisplayInfo;
                if (parameters.Length > 0) name += parameters.Replace(" ", "");
                results.Add(new Result(name, report.ResultStatistics.Mean,
                    report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? double.NaN));
            }
        return results;
    }
}

/// <summary>BenchmarkDotNet's progress to a writer of ours (stderr), so stdout keeps only the table.</summary>
internal sealed class WriterLogger(TextWriter writer) : ILogger
{
    public string Id => nameof(WriterLogger);
    public int Priority => 0;
    public void Write(LogKind logKind, string text) => writer.Write(text);
    public void WriteLine() => writer.WriteLine();
    public void WriteLine(LogKind logKind, string text) => writer.WriteLine(text);
    public void Flush() => writer.Flush();
}
