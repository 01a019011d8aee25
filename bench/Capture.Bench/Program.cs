using Capture.Bench;

// capture benchmarks. Usage:
//   dotnet run -c Release --project bench/Capture.Bench -- file-read  [--events N] [--gzip] [--path FILE]
//   dotnet run -c Release --project bench/Capture.Bench -- file-write [--events N] [--gzip] [--path FILE]
var mode = args.FirstOrDefault() ?? "";
var events = long.Parse(Option("--events") ?? "5000000");
var compress = args.Contains("--gzip");
var path = Option("--path") ?? Path.Combine(Path.GetTempPath(), $"capture-bench-{Environment.ProcessId}.scap");

try
{
    switch (mode)
    {
        case "file-write":
            FileBenchmarks.Write(path, events, compress);
            FileBenchmarks.Write(path, events, compress);
            break;
        case "file-read":
            FileBenchmarks.Write(path, events, compress);
            // The first pass warms the JIT and the page cache; the later ones are the figure.
            for (var pass = 0; pass < 3; pass++) FileBenchmarks.Read(path, events);
            for (var pass = 0; pass < 2; pass++) FileBenchmarks.ReadIntoBatches(path, events);
            break;
        default:
            Console.Error.WriteLine("usage: Capture.Bench file-read|file-write [--events N] [--gzip] [--path FILE]");
            return 2;
    }
    return 0;
}
finally
{
    if (Option("--path") is null) File.Delete(path);
}

string? Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
