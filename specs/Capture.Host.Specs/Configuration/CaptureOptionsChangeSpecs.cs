using Capture.Hosting.Configuration;

namespace Capture.Host.Specs.Configuration;

/// <summary>Which configuration changes the running driver takes live and which reload it.</summary>
public sealed class CaptureOptionsChangeSpecs
{
    static readonly CaptureOptions Running = new() { Syscalls = ["read", "write"] };

    [Fact]
    public void A_reload_that_binds_equal_values_into_new_lists_changes_nothing()
    {
        var change = CaptureOptionsChange.Between(Running, Running with { Syscalls = ["read", "write"] });
        Assert.True(change.IsEmpty, change.ToString());
        Assert.False(change.IsLiveOnly);
    }

    [Fact]
    public void A_changed_syscall_selection_alone_is_live()
    {
        var change = CaptureOptionsChange.Between(Running, Running with { Syscalls = ["read"] });
        Assert.Equal(["Syscalls"], change.Changed);
        Assert.True(change.IsLiveOnly);
    }

    [Theory]
    [InlineData(nameof(CaptureOptions.SnapLength))]
    [InlineData(nameof(CaptureOptions.BufferBytes))]
    [InlineData(nameof(CaptureOptions.EnterEvents))]
    [InlineData(nameof(CaptureOptions.Driver))]
    public void A_setting_fixed_at_load_needs_a_reload_also_next_to_a_syscall_change(string setting)
    {
        var changed = setting switch
        {
            nameof(CaptureOptions.SnapLength) => Running with { SnapLength = 40 },
            nameof(CaptureOptions.BufferBytes) => Running with { BufferBytes = 1 << 20 },
            nameof(CaptureOptions.EnterEvents) => Running with { EnterEvents = true },
            _ => Running with { Driver = DriverKind.Simulated },
        };
        Assert.Equal([setting], CaptureOptionsChange.Between(Running, changed).Changed);
        Assert.False(CaptureOptionsChange.Between(Running, changed).IsLiveOnly);

        var both = CaptureOptionsChange.Between(Running, changed with { Syscalls = ["read"] });
        Assert.Equal(new[] { setting, "Syscalls" }.Order(), both.Changed.Order());
        Assert.False(both.IsLiveOnly);
    }
}

/// <summary>Which changes of a service's outputs its running outputs take, and which restart the pipeline.</summary>
public sealed class OutputsChangeSpecs
{
    static readonly CaptureOptions Running = new()
    {
        Filter = "proc.name=nginx",
        Outputs = [new OutputOptions { Kind = OutputKind.Scap, Path = "/tmp/a.scap" }, new OutputOptions { Kind = OutputKind.Json, Filter = "evt.type=open" }],
    };

    [Fact]
    public void Filters_alone_are_taken_live_and_nothing_else_of_the_driver_changes()
    {
        var changed = Running with { Filter = null, Outputs = [Running.Outputs[0] with { Filter = "fd.num=3" }, Running.Outputs[1]] };
        Assert.True(OutputsChange.Between(Running, changed).FiltersOnly);
        var change = CaptureOptionsChange.Between(Running, changed);
        Assert.False(change.NeedsDriverReload);
        Assert.False(change.NeedsPipelineRestart);
        Assert.True(change.ChangesOutputs);
    }

    [Fact]
    public void Equal_outputs_bound_anew_change_nothing()
    {
        var again = Running with { Outputs = [.. Running.Outputs.Select(o => o with { })] };
        Assert.True(OutputsChange.Between(Running, again).IsEmpty);
        Assert.True(CaptureOptionsChange.Between(Running, again).IsEmpty);
    }

    [Theory]
    [InlineData("added")]
    [InlineData("removed")]
    [InlineData("path")]
    [InlineData("gzip")]
    [InlineData("format")]
    public void Another_change_of_the_outputs_is_not_filters_only(string what)
    {
        IReadOnlyList<OutputOptions> outputs = what switch
        {
            "added" => [.. Running.Outputs, new OutputOptions()],
            "removed" => [Running.Outputs[0]],
            "path" => [Running.Outputs[0] with { Path = "/tmp/b.scap" }, Running.Outputs[1]],
            "gzip" => [Running.Outputs[0] with { Gzip = true }, Running.Outputs[1]],
            _ => [Running.Outputs[0], Running.Outputs[1] with { Format = "%evt.num" }],
        };
        var change = OutputsChange.Between(Running, Running with { Outputs = outputs });
        Assert.False(change.IsEmpty);
        Assert.False(change.FiltersOnly);
    }

    [Fact]
    public void Plugins_restart_the_pipeline_without_a_driver_reload()
    {
        var change = CaptureOptionsChange.Between(Running, Running with { Plugins = ["/usr/lib/capture/plugins"] });
        Assert.True(change.NeedsPipelineRestart);
        Assert.False(change.NeedsDriverReload);
    }
}
