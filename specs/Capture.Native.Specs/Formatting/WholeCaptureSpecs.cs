using System.Text.Json;
using Capture.Native.Formatting;
using Capture.Native.Text;

namespace Capture.Native.Specs.Formatting;

/// <summary>
/// Every event of each fixture sysdig 0.29.3 can read, formatted by us and printed by the
/// real `sysdig -r` (installed by scripts/setup.sh), line for line. Numbers count every
/// event sysdig reads, shown or not.
/// </summary>
public sealed class WholeCaptureSpecs
{
    public static TheoryData<string> Fixtures =>
        ["libs-curl_google.scap", "libs-single_ipv6_conn.scap", "libs-sample-2023.scap", "falco-run_as_user_0_container.scap"];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_text_line_is_the_one_sysdig_029_prints(string fixture)
    {
        var expected = SysdigLines(RepoPaths.Fixture(fixture));
        var ours = Format(fixture, json: false);
        AssertSameLines(expected, ours);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_json_line_carries_what_sysdig_029_prints_with_j(string fixture)
    {
        var expected = SysdigLines(RepoPaths.Fixture(fixture), "-j");
        var ours = Format(fixture, json: true);
        Assert.Equal(expected.Count, ours.Count);
        for (var i = 0; i < ours.Count; i++)
        {
            using var theirs = JsonDocument.Parse(expected[i]);
            using var mine = JsonDocument.Parse(ours[i]);
            foreach (var property in theirs.RootElement.EnumerateObject())
            {
                var actual = mine.RootElement.GetProperty(property.Name);
                Assert.True(property.Value.ValueKind == actual.ValueKind && property.Value.ToString() == actual.ToString(),
                    $"line {i + 1}, {property.Name}: sysdig {property.Value.GetRawText()}, ours {actual.GetRawText()}");
            }
        }
    }

    static List<string> Format(string fixture, bool json)
    {
        var capture = FixtureCapture.Load(RepoPaths.Fixture(fixture));
        var formatter = new EventFormatter(capture.Threads, capture.Accounts, TimeSpan.Zero);
        var line = new Utf8Buffer();
        var lines = new List<string>();
        ulong number = 0;
        foreach (var (cpu, frame) in capture.Events)
        {
            number++;
            var view = FrameBuilder.View(frame);
            capture.Threads.Observe(view);
            if (!SysdigDisplay.Shows(view.Info)) continue;
            line.Clear();
            if (json) formatter.WriteJson(line, view, number, cpu);
            else formatter.WriteText(line, view, number, cpu);
            lines.Add(line.ToString());
        }
        return lines;
    }

    static void AssertSameLines(List<string> expected, List<string> actual)
    {
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
            Assert.True(expected[i] == actual[i], $"line {i + 1} differs:\nsysdig: {expected[i]}\nours:   {actual[i]}");
        Assert.Equal(expected.Count, actual.Count);
    }

    /// <summary>What the reference reader prints, in UTC as the formatter here is told to.</summary>
    static List<string> SysdigLines(string capture, params string[] extra) => [.. Sysdig.Open(capture, extra).Lines];
}
