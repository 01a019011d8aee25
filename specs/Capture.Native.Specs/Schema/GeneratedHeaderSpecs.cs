using System.Diagnostics;
using Capture.Native.Schema;

namespace Capture.Native.Specs.Schema;

/// <summary>
/// The probe's C header and the C# table are generated from the same schema files; this
/// proves it by compiling the header with the C compiler and comparing what C sees with
/// what C# sees, row by row.
/// </summary>
public sealed class GeneratedHeaderSpecs
{
    static readonly string Header = Path.Combine(RepoPaths.Root, "artifacts", "generated", "capture_schema.h");

    [Fact]
    public void C_and_CSharp_agree_on_every_event_id_name_direction_and_parameter()
    {
        var fromC = DumpHeader();
        var events = new List<string>();
        var parameters = new List<string>();
        foreach (var e in EventTable.All)
        {
            events.Add($"E {e.Id} {e.EnumName} {e.Name} {(e.Direction == EventDirection.Enter ? 'E' : 'X')} {(uint)e.Flags} {e.Params.Length}");
            for (var i = 0; i < e.Params.Length; i++)
                parameters.Add($"P {e.Id} {i} {e.Params[i].Name} {(int)e.Params[i].Type} {(int)e.Params[i].Format}");
        }
        var fromCSharp = events.Concat(parameters).ToList();
        Assert.Equal(454, EventTable.All.Length);
        Assert.Equal(fromCSharp, fromC);
    }

    [Fact]
    public void C_and_CSharp_carry_the_same_api_and_schema_versions()
    {
        var fromC = DumpHeader(versionsOnly: true);
        Assert.Equal([$"API {EventTable.ApiVersion.Packed}", $"SCHEMA {EventTable.SchemaVersion.Packed}"], fromC);
    }

    static List<string> DumpHeader(bool versionsOnly = false)
    {
        var work = Directory.CreateTempSubdirectory("capture-schema-");
        try
        {
            var source = Path.Combine(work.FullName, "dump.c");
            File.WriteAllText(source, versionsOnly ? VersionsProgram : TableProgram);
            var exe = Path.Combine(work.FullName, "dump");
            Run("gcc", $"-std=c11 -Wall -Werror -I \"{Path.GetDirectoryName(Header)}\" -o \"{exe}\" \"{source}\"");
            return Run(exe, "").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    const string TableProgram = """
        #include <stdio.h>
        #include "capture_schema.h"
        #define EVENT(id, en, name, dir, flags, n) printf("E %d %s %s %c %u %d\n", id, #en, name, dir, (unsigned)(flags), n);
        #define PARAM(id, i, name, type, fmt) printf("P %d %d %s %d %d\n", id, i, name, (int)type, (int)fmt);
        int main(void) {
            CAPTURE_EVENTS(EVENT)
            CAPTURE_PARAMS(PARAM)
            return 0;
        }
        """;

    const string VersionsProgram = """
        #include <stdio.h>
        #include "capture_schema.h"
        int main(void) {
            printf("API %llu\n", (unsigned long long)CAPTURE_API_VERSION);
            printf("SCHEMA %llu\n", (unsigned long long)CAPTURE_SCHEMA_VERSION);
            return 0;
        }
        """;

    static string Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {error}");
        return output;
    }
}
