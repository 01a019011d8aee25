using System.Diagnostics;
using Capture.Native.Batches;
using Capture.Native.Files;

namespace Capture.Bench;

/// <summary>Writes and reads large capture files and prints their throughput.</summary>
internal static class FileBenchmarks
{
    const ulong Start = 1_700_000_000_000_000_000;

    /// <summary>Where the per-pass lines go: stdout alone, stderr inside the suite (whose table owns stdout).</summary>
    public static TextWriter Log { get; set; } = Console.Out;

    public static FileResult Write(string path, long events, bool compress)
    {
        var mixed = new MixedEvents();
        var clock = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long bytes, allocated;
        using (var writer = ScapFileWriter.Create(path, new ScapWriteOptions { Compress = compress }))
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (long i = 0; i < events; i++) writer.WriteEvent(mixed.Next(i, Start + (ulong)i * 100), (ushort)(i & 7));
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            bytes = writer.BytesWritten;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        return Report("file-write", events, bytes, seconds, cpuSeconds, $"{new FileInfo(path).Length / 1e6:F1} MB on disk{(compress ? ", gzip" : "")}, {allocated} bytes allocated in the write loop");
    }

    /// <summary>Reads the whole file, every event validated by the reader; the checksum keeps the loop honest.</summary>
    public static FileResult Read(string path, long expected)
    {
        var clock = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long events = 0, allocated;
        ulong checksum = 0;
        using (var reader = ScapFileReader.Open(path))
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            while (reader.TryReadNext(out var ev, out var cpu))
            {
                checksum += ev.Timestamp ^ ev.Type ^ cpu;
                events++;
            }
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (reader.Problems.Count > 0) throw new InvalidOperationException(reader.Problems[0].ToString());
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        if (events != expected) throw new InvalidOperationException($"read {events} events, wrote {expected}");
        var bytes = CaptureBytes(path);
        return Report("file-read", events, bytes, seconds, cpuSeconds, $"{allocated} bytes allocated in the read loop, checksum {checksum:X}");
    }

    /// <summary>The path a replay driver takes: events copied into reused 64 KiB batches.</summary>
    public static FileResult ReadIntoBatches(string path, long expected)
    {
        var batch = EventBatch.Unpooled(blockBytes: 1 << 16, maxEvents: 1024);
        var clock = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long events = 0, batches = 0;
        using (var reader = ScapFileReader.Open(path))
        {
            int taken;
            while ((taken = reader.ReadInto(batch)) > 0)
            {
                events += taken;
                batches++;
                batch.Release();
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        if (events != expected) throw new InvalidOperationException($"read {events} events, wrote {expected}");
        return Report("file-read into batches", events, CaptureBytes(path), seconds, cpuSeconds, $"{batches:N0} batches");
    }

    static long CaptureBytes(string path)
    {
        using var reader = ScapFileReader.Open(path);
        return reader.IsCompressed ? -1 : new FileInfo(path).Length;
    }

    /// <summary>
    /// Wall-clock rates, plus events per CPU-second of this process: on a shared machine the
    /// wall clock measures the neighbours too, the CPU time mostly us (the GC thread included).
    /// </summary>
    static FileResult Report(string mode, long events, long bytes, double seconds, double cpuSeconds, string note)
    {
        Log.WriteLine($"{mode}: {events:N0} events in {seconds:F2} s = {events / seconds / 1e6:F2} M events/s"
            + (bytes > 0 ? $", {bytes / seconds / 1e6:F0} MB/s" : "")
            + $"; {events / cpuSeconds / 1e6:F2} M events per CPU-second ({note})");
        return new FileResult(events, bytes, seconds, cpuSeconds);
    }
}

/// <summary>One pass over a capture file; <see cref="Bytes"/> is -1 when the file is compressed.</summary>
internal sealed record FileResult(long Events, long Bytes, double Seconds, double CpuSeconds)
{
    public double EventsPerSecond => Events / Seconds;

    public double MegabytesPerSecond => Bytes < 0 ? double.NaN : Bytes / Seconds / 1e6;
}
