using Capture.Hosting.Configuration;

namespace Capture.Host.Specs.Configuration;

public sealed class CaptureOptionsValidatorSpecs
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(CaptureOptionsValidator.Problems(new CaptureOptions()));
    }

    [Theory]
    [InlineData(3_000_000L)]
    [InlineData(1024L)]
    [InlineData(0L)]
    public void A_buffer_size_that_is_not_a_power_of_two_page_multiple_is_refused_naming_the_value(long bytes)
    {
        var problem = Assert.Single(CaptureOptionsValidator.Problems(new CaptureOptions { BufferBytes = bytes }));
        Assert.Contains($"buffer size {bytes}", problem);
    }

    [Fact]
    public void An_unknown_system_call_is_refused_by_name_and_known_ones_pass()
    {
        var problems = CaptureOptionsValidator.Problems(new CaptureOptions { Syscalls = ["openat", "close", "opn"] });
        Assert.Equal(["unknown system call 'opn' in the syscall selection"], problems);
    }

    [Fact]
    public void Every_bad_setting_is_reported_not_just_the_first()
    {
        var problems = CaptureOptionsValidator.Problems(new CaptureOptions
        {
            CpusForEachBuffer = -1, SnapLength = -5, MaxEvents = 0, Driver = DriverKind.Replay,
        });
        Assert.Equal(4, problems.Count);
    }
}
