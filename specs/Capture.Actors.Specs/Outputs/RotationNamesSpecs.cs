using Capture.Actors.Outputs;

namespace Capture.Actors.Specs.Outputs;

/// <summary>
/// The names of a rotated capture's files are sysdig 0.29.3's: the cases below are what its
/// cycle writer makes (checked by running that sysdig with the same flags on a fixture).
/// </summary>
public sealed class RotationNamesSpecs
{
    static string[] Names(Rotation rotation, int count, long? start = 0, string basePath = "/d/a.scap")
    {
        var names = new RotationNames(basePath, rotation);
        return [names.First(start), .. Enumerable.Range(1, count - 1).Select(i => names.Next(1_000 + i, out _))];
    }

    [Fact]
    public void Events_per_file_number_the_files_from_0_unpadded_whatever_else_is_asked()
    {
        Assert.Equal(["/d/a.scap0", "/d/a.scap1", "/d/a.scap2"], Names(new Rotation(Events: 100), 3));
        Assert.Equal(["/d/a.scap0", "/d/a.scap1", "/d/a.scap2", "/d/a.scap0"], Names(new Rotation(SizeBytes: 5_000_000, Keep: 3, Events: 500), 4));
    }

    [Fact]
    public void A_size_limit_pads_the_number_to_the_digits_of_the_file_limit_and_wraps_there()
    {
        Assert.Equal(["/d/a.scap00", "/d/a.scap01", "/d/a.scap09", "/d/a.scap00"],
            Names(new Rotation(SizeBytes: 1_000_000, Keep: 10), 11).Where((_, i) => i is 0 or 1 or 9 or 10));
        Assert.Equal(["/d/a.scap0", "/d/a.scap1", "/d/a.scap10", "/d/a.scap11"],
            Names(new Rotation(SizeBytes: 1_000_000), 12).Where((_, i) => i is 0 or 1 or 10 or 11));
    }

    [Fact]
    public void A_period_numbers_the_files_and_with_a_size_limit_too_appends_the_padded_number_again()
    {
        Assert.Equal(["/d/a.scap0", "/d/a.scap1", "/d/a.scap2", "/d/a.scap0"], Names(new Rotation(Seconds: 2, Keep: 3), 4));
        Assert.Equal(["/d/a.scap000", "/d/a.scap101", "/d/a.scap1111", "/d/a.scap000"],
            Names(new Rotation(SizeBytes: 5_000_000, Seconds: 2, Keep: 12), 13).Where((_, i) => i is 0 or 1 or 11 or 12));
    }

    [Fact]
    public void A_file_limit_alone_writes_the_one_file_it_was_given()
    {
        Assert.Equal(["/d/a.scap", "/d/a.scap"], Names(new Rotation(Keep: 3), 2));
    }

    [Fact]
    public void A_pattern_is_filled_in_with_the_periods_start_and_with_a_file_limit_the_name_it_replaces_is_retired()
    {
        var names = new RotationNames("/d/a-%s.scap", new Rotation(Seconds: 2, Keep: 2));
        Assert.Equal("/d/a-1000.scap", names.First(1000));
        Assert.Equal("/d/a-1002.scap", names.Next(1002, out var none));
        Assert.Null(none);
        Assert.Equal("/d/a-1004.scap", names.Next(1004, out var retired));
        Assert.Equal("/d/a-1000.scap", retired);
    }

    [Fact]
    public void A_rewritten_capture_with_a_pattern_starts_with_first_dump_which_is_never_retired()
    {
        var names = new RotationNames("/d/a-%s.scap", new Rotation(Seconds: 2, Keep: 1));
        Assert.Equal("/d/first_dump.scap", names.First(startSeconds: null));
        Assert.Equal("/d/a-1002.scap", names.Next(1002, out var first));
        Assert.Null(first);
        Assert.Equal("/d/a-1004.scap", names.Next(1004, out var retired));
        Assert.Equal("/d/a-1002.scap", retired);
    }
}
