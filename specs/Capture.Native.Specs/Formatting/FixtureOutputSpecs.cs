using System.Text.Json;
using Capture.Native.Formatting;
using Capture.Native.Processes;
using Capture.Native.Text;

namespace Capture.Native.Specs.Formatting;

/// <summary>
/// Real events from the fixtures, formatted with the state sysdig had when it printed
/// them, against sysdig 0.29.3's own lines (see <see cref="FixtureEvents"/>).
/// </summary>
public sealed class FixtureOutputSpecs
{
    static List<string> FormatText(FixtureEvent[] events, ThreadTable threads, AccountNames? accounts = null)
    {
        var formatter = new EventFormatter(threads, accounts, TimeSpan.Zero);
        var line = new Utf8Buffer();
        var lines = new List<string>();
        foreach (var e in events)
        {
            var view = FrameBuilder.View(e.Frame);
            threads.Observe(view);
            if (!SysdigDisplay.Shows(view.Info)) continue;
            line.Clear();
            formatter.WriteText(line, view, e.Number, e.Cpu);
            lines.Add(line.ToString());
        }
        return lines;
    }

    static List<string> FormatJson(FixtureEvent[] events, ThreadTable threads)
    {
        var formatter = new EventFormatter(threads, null, TimeSpan.Zero);
        var line = new Utf8Buffer();
        var lines = new List<string>();
        foreach (var e in events)
        {
            var view = FrameBuilder.View(e.Frame);
            threads.Observe(view);
            line.Clear();
            formatter.WriteJson(line, view, e.Number, e.Cpu);
            lines.Add(line.ToString());
        }
        return lines;
    }

    static ThreadTable CurlProcessList()
    {
        // The one process-list entry of libs-curl_google.scap these events refer to: curl's
        // own thread is not in it, so sysdig first meets it in its execve.
        var threads = new ThreadTable();
        threads.Add(new ThreadEntry(3200, 3200, 3199, "bash", "-bash", "", [], "/home/ubuntu", 1000, 1000));
        return threads;
    }

    [Fact]
    public void Curl_google_lines_match_sysdig_029_exactly()
    {
        Assert.Equal(FixtureEvents.CurlGoogleText, FormatText(FixtureEvents.CurlGoogle, CurlProcessList()));
    }

    [Fact]
    public void Single_ipv6_connection_lines_match_sysdig_029_exactly()
    {
        Assert.Equal(FixtureEvents.SingleIpv6ConnectionText, FormatText(FixtureEvents.SingleIpv6Connection, new ThreadTable()));
    }

    [Fact]
    public void Container_capture_lines_match_sysdig_029_exactly()
    {
        var threads = new ThreadTable();
        (long Tid, long Pid, string Comm, string Cwd)[] processList =
        [
            (1, 1, "systemd", "/"), (1105, 1105, "accounts-daemon", "/"), (1141, 1105, "gmain", "/"),
            (1973, 1789, "dockerd", "/"), (13794, 13794, "emacs", "/home/mstemm"), (1865, 1865, "iscsid", "/"),
            (25722, 25722, "containerd-shim", "/run/containerd"), (25754, 25754, "bash", "/"), (32052, 32052, "ls", "/"),
        ];
        foreach (var (tid, pid, comm, cwd) in processList)
            threads.Add(new ThreadEntry(tid, pid, 1, comm, comm, "", [], cwd, 0, 0));
        threads.AddFd(1105, 4, new FdEntry(FdKind.Event, 0, []));
        threads.AddFd(1105, 7, new FdEntry(FdKind.Inotify, 0, []));
        var accounts = new AccountNames();
        accounts.AddUser(0, "root");

        Assert.Equal(FixtureEvents.RunAsUser0ContainerText, FormatText(FixtureEvents.RunAsUser0Container, threads, accounts));
    }

    [Fact]
    public void Json_lines_carry_sysdig_029s_keys_and_values()
    {
        var ours = FormatJson(FixtureEvents.CurlGoogle, CurlProcessList())
            .Concat(FormatJson(FixtureEvents.SingleIpv6Connection, new ThreadTable())).ToList();
        var sysdigs = FixtureEvents.CurlGoogleJson.Concat(FixtureEvents.SingleIpv6ConnectionJson).ToList();
        Assert.Equal(sysdigs.Count, ours.Count);
        for (var i = 0; i < ours.Count; i++)
        {
            using var expected = JsonDocument.Parse(sysdigs[i]);
            using var actual = JsonDocument.Parse(ours[i]);
            foreach (var property in expected.RootElement.EnumerateObject())
                Assert.Equal(property.Value.ToString(), actual.RootElement.GetProperty(property.Name).ToString());
            Assert.Equal(expected.RootElement.EnumerateObject().Count() + 1, actual.RootElement.EnumerateObject().Count());
        }
    }

    [Fact]
    public void Json_args_hold_each_parameter_as_evt_info_shows_it()
    {
        var lines = FormatJson(FixtureEvents.CurlGoogle, CurlProcessList());
        using var open = JsonDocument.Parse(lines.Single(l => l.Contains("\"evt.num\":219,")));
        var args = open.RootElement.GetProperty("evt.args");
        Assert.Equal("3(<f>/etc/ld.so.cache)", args.GetProperty("fd").GetString());
        Assert.Equal("/etc/ld.so.cache", args.GetProperty("name").GetString());
        Assert.Equal("4097(O_RDONLY|O_CLOEXEC)", args.GetProperty("flags").GetString());
        Assert.Equal("0", args.GetProperty("mode").GetString());
    }
}
