using Capture.Actors.Outputs;
using Capture.Native.Filtering;
using Capture.Native.Formatting;

namespace Capture.Hosting.Configuration;

/// <summary>
/// Checks a service's outputs, filter and plugin directories before anything is opened, so a
/// wrong kind, a path that cannot be a file, or a filter that does not parse is one line naming
/// the setting (`Capture:Outputs:1:Path`) rather than a failure once events flow.
/// </summary>
public static class OutputOptionsValidator
{
    public static IEnumerable<string> Problems(CaptureOptions options)
    {
        if (options.Filter is { } common && FilterProblem(common) is { } bad)
            yield return $"Capture:Filter: {bad}";
        var taken = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < options.Outputs.Count; i++)
        {
            var output = options.Outputs[i];
            var key = $"Capture:Outputs:{i}";
            if (!Enum.IsDefined(output.Kind))
                yield return $"{key}:Kind={(int)output.Kind} is not one of {string.Join(", ", Enum.GetNames<OutputKind>())}";
            if (output.Kind == OutputKind.Scap && (string.IsNullOrEmpty(output.Path) || output.Path == OutputOptions.StandardOutput))
                yield return $"{key}:Path: a scap output needs a file to write, not standard output";
            else if (!output.ToStandardOutput && PathProblem(output.Path!) is { } path)
                yield return $"{key}:Path={output.Path}: {path}";
            if (output.Rotation is { } rotation)
            {
                if (output.Kind != OutputKind.Scap)
                    yield return $"{key}: FileSizeMb, Seconds, Keep and EventsPerFile rotate scap files; this output is {output.Kind.ToString().ToLowerInvariant()}";
                else if (output.FileSizeMb > long.MaxValue / Rotation.BytesPerMegabyte)
                    yield return $"{key}:FileSizeMb={output.FileSizeMb} is more megabytes than a file can hold";
                else if (rotation.Problem is { } wrong)
                    yield return $"{key}: {wrong}";
            }
            if (output.Gzip && output.Kind != OutputKind.Scap)
                yield return $"{key}:Gzip: only a scap output is gzipped, this one is {output.Kind.ToString().ToLowerInvariant()}";
            if (output.Sysdig2022 && output.Kind != OutputKind.Scap)
                yield return $"{key}:Sysdig2022: only a scap output has layouts, this one is {output.Kind.ToString().ToLowerInvariant()}";
            if (output.Format is { } format)
            {
                if (output.Kind == OutputKind.Scap)
                    yield return $"{key}:Format: a scap output keeps the events themselves; a format is for text and JSON lines";
                else if (FormatProblem(format) is { } wrong)
                    yield return $"{key}:Format: {wrong}";
            }
            if (output.Filter is { } filter && FilterProblem(filter) is { } unparsed)
                yield return $"{key}:Filter: {unparsed}";
            if (!output.ToStandardOutput && string.IsNullOrEmpty(output.Path)) continue;
            var where = output.ToStandardOutput ? "standard output" : Path.GetFullPath(output.Path!);
            if (taken.TryGetValue(where, out var first))
                yield return $"{key}:Path: Capture:Outputs:{first} writes to {where} already";
            else
                taken[where] = i;
        }
        foreach (var directory in options.Plugins)
            if (!Directory.Exists(directory))
                yield return $"Capture:Plugins: the plugin directory {directory} does not exist";
    }

    static string? PathProblem(string path)
    {
        if (Directory.Exists(path)) return "it is a directory";
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        return directory is not null && !Directory.Exists(directory) ? $"its directory {directory} does not exist" : null;
    }

    static string? FilterProblem(string text)
    {
        try
        {
            EventFilter.Parse(text, threads: null);
            return null;
        }
        catch (FilterException e)
        {
            return e.Message;
        }
    }

    static string? FormatProblem(string text)
    {
        try
        {
            EventFormat.Parse(text, threads: null, new EventFormatter());
            return null;
        }
        catch (FilterException e)
        {
            return e.Problem;
        }
    }
}
