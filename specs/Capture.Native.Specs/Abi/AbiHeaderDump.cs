using System.Diagnostics;

namespace Capture.Native.Specs.Abi;

/// <summary>
/// Compiles a small C program against the ABI headers in driver/abi and returns the lines it
/// prints: how the ABI specs read sizes, offsets and constants as the C compiler sees them.
/// </summary>
static class AbiHeaderDump
{
    static readonly string AbiDir = Path.Combine(RepoPaths.Root, "driver", "abi");

    /// <param name="headers">The headers of driver/abi to include, e.g. "capture_abi.h".</param>
    /// <param name="body">Statements of main that print one value a line.</param>
    public static List<string> Lines(IEnumerable<string> headers, string body)
    {
        var work = Directory.CreateTempSubdirectory("capture-abi-");
        try
        {
            var includes = string.Concat(headers.Select(h => $"#include \"{h}\"\n"));
            var source = Path.Combine(work.FullName, "dump.c");
            File.WriteAllText(source, $"#include <stdio.h>\n#include <stddef.h>\n{includes}int main(void) {{\n{body}\nreturn 0;\n}}\n");
            var exe = Path.Combine(work.FullName, "dump");
            Run("gcc", $"-std=gnu11 -Wall -Werror -I \"{AbiDir}\" -o \"{exe}\" \"{source}\"");
            return Run(exe, "").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    static string Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {error}");
        return output;
    }
}
