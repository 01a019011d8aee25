using Capture.Native.Kmod;

namespace Capture.Native.Specs.Kmod;

public sealed class KmodHelpersSpecs
{
    [Theory]
    [InlineData("0-3\n", new[] { 0, 1, 2, 3 })]
    [InlineData("0", new[] { 0 })]
    [InlineData("0,2-4,7", new[] { 0, 2, 3, 4, 7 })]
    public void Possible_cpu_lists_must_read_as_the_kernel_writes_them(string list, int[] cpus) =>
        Assert.Equal(cpus, PossibleCpuList.Parse(list));

    [Theory]
    [InlineData("3-1")]
    [InlineData("a")]
    [InlineData("")]
    public void A_cpu_list_that_cannot_be_read_must_be_refused_naming_it(string list)
    {
        var e = Assert.Throws<FormatException>(() => PossibleCpuList.Parse(list));
        Assert.Contains($"'{list}'", e.Message);
    }

    [Fact]
    public void A_syscall_set_must_hold_exactly_its_numbers_bit_nr_of_byte_nr_over_8()
    {
        var set = KmodSyscallSet.Of([0, 2, 257, 511]);
        Assert.Equal([0, 2, 257, 511], set.Numbers());
        Assert.False(set.Contains(1));
        Assert.False(set.Contains(512));
        Assert.Throws<ArgumentOutOfRangeException>(() => KmodSyscallSet.Of([512]));
    }

    [Fact]
    public void Without_proc_modules_the_presence_check_must_say_the_kernel_has_no_module_support()
    {
        var presence = KmodPresence.Check("/nonexistent/modules", "/nonexistent/capture-kmod0");
        Assert.False(presence.ModuleSupport);
        Assert.False(presence.Loaded);
        Assert.Contains("no loadable module support", presence.Detail);
    }

    [Fact]
    public void With_module_support_but_no_device_the_presence_check_must_say_how_to_load_it()
    {
        var modules = Path.GetTempFileName();
        try
        {
            File.WriteAllText(modules, "virtio_net 61440 0 - Live 0x0000000000000000\n");
            var presence = KmodPresence.Check(modules, "/nonexistent/capture-kmod0");
            Assert.True(presence.ModuleSupport);
            Assert.False(presence.Loaded);
            Assert.Contains("insmod capture.ko", presence.Detail);
        }
        finally
        {
            File.Delete(modules);
        }
    }

    [Fact]
    public void Opening_the_module_where_it_cannot_be_must_say_why_not_as_a_typed_error()
    {
        // This machine's kernel has no module support or no module loaded: either is named.
        if (File.Exists(KmodAbi.DevicePath(0))) return;
        var e = Assert.Throws<KmodUnavailableException>(KmodModule.Open);
        Assert.Contains("capture.ko", e.Message);
    }
}
