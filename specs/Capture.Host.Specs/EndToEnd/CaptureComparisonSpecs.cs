namespace Capture.Host.Specs.EndToEnd;

/// <summary>The reduction KmodVmSpecs compares the two drivers' captures with, on made-up lines.</summary>
public sealed class CaptureComparisonSpecs
{
    static string Line(long tid, string type, string args) =>
        $$"""{"evt.args":{{{args}}},"evt.dir":"<","evt.type":"{{type}}","thread.tid":{{tid}}}""";

    static readonly string[] RunA =
    [
        Line(100, "openat", "\"fd\":\"3(<f>/etc/hosts)\",\"ino\":\"11\""),
        Line(100, "clone", "\"res\":\"101\",\"pgft_min\":\"40\",\"tid\":\"100\""),
        Line(101, "clone", "\"res\":\"0\",\"pgft_min\":\"2\",\"tid\":\"101\""),
        Line(101, "getuid", "\"uid\":\"0\""),
        Line(555, "openat", "\"fd\":\"3(<f>/etc/hosts)\",\"ino\":\"11\""), // not the workload's
    ];

    static readonly string[] RunB =
    [
        Line(200, "openat", "\"fd\":\"3(<f>/etc/hosts)\",\"ino\":\"12\""),
        Line(201, "clone", "\"res\":\"0\",\"pgft_min\":\"3\",\"tid\":\"201\""), // the child's exit came first
        Line(200, "clone", "\"res\":\"201\",\"pgft_min\":\"41\",\"tid\":\"200\""),
        Line(201, "getuid", "\"uid\":\"0\""),
    ];

    [Fact]
    public void The_workloads_threads_must_be_named_by_their_place_in_the_tree_and_varying_values_hidden()
    {
        var reduced = CaptureComparison.Reduce(RunA, root: 100);
        Assert.Equal(
        [
            "w: openat < fd=3(<f>/etc/hosts) ino=*",
            "w: clone < res=w.0 pgft_min=* tid=w",
            "w.0: clone < res=0 pgft_min=* tid=w.0",
            "w.0: getuid < uid=0",
        ], reduced);
    }

    [Fact]
    public void Runs_with_other_pids_and_orders_must_compare_equal()
    {
        var comparison = CaptureComparison.Of("a", RunA, 100, "b", RunB, 200);
        Assert.Equal(4, comparison.Matched);
        Assert.Equal(1.0, comparison.EqualShare);
        Assert.Empty(comparison.Differences);
    }

    [Fact]
    public void Identifiers_the_kernel_hands_out_and_times_and_pids_in_values_must_not_tell_runs_apart()
    {
        string[] Run(long root, long child, string keyring, int semid, string socket, int port, string time) =>
        [
            Line(root, "vfork", $"\"res\":\"{child}\""),
            Line(child, "keyctl", $"\"res\":\"{keyring}\",\"operation\":\"0(KEYCTL_GET_KEYRING_ID)\""),
            Line(child, "semget", $"\"res\":\"{semid}\",\"nsems\":\"2\""),
            Line(child, "socketpair", $"\"res\":\"0\",\"source\":\"{socket.ToUpperInvariant()}\",\"peer\":\"{socket}\""),
            Line(child, "sendmmsg", $"\"res\":\"5\",\"tuple\":\"{socket}->{socket}\""),
            Line(child, "connect", $"\"res\":\"0\",\"tuple\":\"127.0.0.1:{port}->127.0.0.1:{port + 1}\""),
            Line(child, "pidfd_open", $"\"fd\":\"4(<P>/proc/{child})\""),
            Line(root, "write", $"\"res\":\"40\",\"data\":\"vfork {time} {time} {child}.\""),
        ];
        var a = Run(100, 101, "510448558", 0, "ff49d33d81e9a800", 42742, "1796542649819260610");
        var b = Run(200, 201, "54369364", 1, "ff49d33d81e98000", 49868, "1796542720521476030");
        Assert.Equal(1.0, CaptureComparison.Of("a", a, 100, "b", b, 200).EqualShare);
        Assert.Contains("w: write < res=40 data=vfork <ns> <ns> w.0.", CaptureComparison.Reduce(a, 100));
        // what the driver decides stays compared: a result that is not such an identifier
        var failed = b.Select(l => l.Replace("\"res\":\"5\"", "\"res\":\"-9(EBADF)\"")).ToList();
        Assert.Equal(7.0 / 8, CaptureComparison.Of("a", a, 100, "b", failed, 200).EqualShare);
    }

    [Fact]
    public void A_parameter_that_differs_must_be_counted_and_named()
    {
        var changed = RunB.Select(l => l.Replace("\"uid\":\"0\"", "\"uid\":\"1000\"")).ToList();
        var comparison = CaptureComparison.Of("a", RunA, 100, "b", changed, 200);
        Assert.Equal(3, comparison.Matched);
        Assert.Equal(0.75, comparison.EqualShare);
        Assert.Equal(["a 1 x, b 0 x: w.0: getuid < uid=0", "a 0 x, b 1 x: w.0: getuid < uid=1000"], comparison.Differences);
    }
}
