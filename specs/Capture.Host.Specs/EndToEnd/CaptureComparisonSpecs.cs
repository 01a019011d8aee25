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
    public void A_parameter_that_differs_must_be_counted_and_named()
    {
        var changed = RunB.Select(l => l.Replace("\"uid\":\"0\"", "\"uid\":\"1000\"")).ToList();
        var comparison = CaptureComparison.Of("a", RunA, 100, "b", changed, 200);
        Assert.Equal(3, comparison.Matched);
        Assert.Equal(0.75, comparison.EqualShare);
        Assert.Equal(["a 1 x, b 0 x: w.0: getuid < uid=0", "a 0 x, b 1 x: w.0: getuid < uid=1000"], comparison.Differences);
    }
}
