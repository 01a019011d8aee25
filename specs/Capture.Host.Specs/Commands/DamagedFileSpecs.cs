namespace Capture.Host.Specs.Commands;

/// <summary>
/// `capture -r` on damaged files: everything readable is printed, the damage is one line
/// naming the file, what was damaged and where, the exit status is 1, and no stack trace.
/// </summary>
public sealed class DamagedFileSpecs
{
    const string Gzipped = "libs-curl_google.scap";

    [Fact]
    public void A_damaged_user_list_prints_every_event_then_one_line_naming_the_block_and_exits_1()
    {
        var path = RepoPaths.Fixture("damaged/user-list-user-name.scap");
        var result = CaptureProcess.Run("-r", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(12, result.Lines.Length);
        var problem = Assert.Single(result.Error.Split('\n'), l => l.StartsWith("capture: error:"));
        Assert.Equal($"capture: error: {path}: at byte 507: damaged user list block (type 0x220) at byte 484 skipped: user name needs 65535 bytes but only 2785 remain in the block", problem);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void A_gzip_capture_without_its_trailer_prints_every_event_then_says_unexpected_end_of_file()
    {
        using var file = new DamagedCopy(Gzipped, bytes => bytes[..^8]);
        var whole = CaptureProcess.Run("-r", RepoPaths.Fixture(Gzipped), "-j");
        var result = CaptureProcess.Run("-r", file.Path, "-j");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(whole.Output, result.Output);
        Assert.Contains($"capture: {file.Path}: at byte 146220: gzip: unexpected end of file at compressed byte 22288", result.Error);
    }

    [Fact]
    public void A_gzip_capture_cut_in_the_middle_prints_the_events_before_the_cut_and_says_unexpected_end_of_file()
    {
        using var file = new DamagedCopy(Gzipped, bytes => bytes[..15000]);
        var whole = CaptureProcess.Run("-r", RepoPaths.Fixture(Gzipped)).Lines;
        var result = CaptureProcess.Run("-r", file.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.NotEmpty(result.Lines);
        Assert.Equal(whole[..result.Lines.Length], result.Lines);
        Assert.Matches($"capture: {file.Path}: at byte \\d+: gzip: unexpected end of file at compressed byte 15000", result.Error);
    }

    [Fact]
    public void A_gzip_capture_with_a_wrong_crc_prints_every_event_then_says_crc_error()
    {
        using var file = new DamagedCopy(Gzipped, bytes =>
        {
            bytes[^6] ^= 0xFF;
            return bytes;
        });
        var whole = CaptureProcess.Run("-r", RepoPaths.Fixture(Gzipped));
        var result = CaptureProcess.Run("-r", file.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(whole.Output, result.Output);
        Assert.Contains($"capture: {file.Path}: at byte 146220: gzip: CRC error", result.Error);
    }

    /// <summary>A fixture's bytes changed and written to a temporary file, removed on dispose.</summary>
    sealed class DamagedCopy : IDisposable
    {
        public DamagedCopy(string fixture, Func<byte[], byte[]> damage)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"capture-damaged-{Guid.NewGuid():N}.scap");
            File.WriteAllBytes(Path, damage(File.ReadAllBytes(RepoPaths.Fixture(fixture))));
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
