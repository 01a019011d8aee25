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
