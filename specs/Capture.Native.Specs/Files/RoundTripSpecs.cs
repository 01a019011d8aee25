using Capture.Native.Files;

namespace Capture.Native.Specs.Files;

/// <summary>Reading a capture and writing it back must not change what sysdig prints.</summary>
public class RoundTripSpecs
{
    public static TheoryData<string, bool> SysdigReadable => new()
    {
        { "libs-sample-2023.scap", false },
        { "falco-run_as_user_0_container.scap", true },
        { "libs-curl_google.scap", false },
        { "libs-single_ipv6_conn.scap", true },
    };

    [Theory]
    [MemberData(nameof(SysdigReadable))]
    public void Rewritten_capture_prints_exactly_what_the_original_prints(string fixture, bool compress)
    {
        using var scratch = new Scratch();
        var output = scratch.File("out.scap");
        Rewrite(RepoPaths.Fixture(fixture), output, new ScapWriteOptions { Compress = compress });

        var original = Sysdig.Open(RepoPaths.Fixture(fixture));
        var rewritten = Sysdig.Open(output);
        Assert.NotEmpty(original.Output);
        Assert.Equal(original.Output, rewritten.Output);
    }

    [Theory]
    [MemberData(nameof(SysdigReadable))]
    public void Rewritten_in_the_2022_compatible_layout_prints_exactly_what_the_original_prints(string fixture, bool compress)
    {
        using var scratch = new Scratch();
        var output = scratch.File("out.scap");
        Rewrite(RepoPaths.Fixture(fixture), output, new ScapWriteOptions { Compress = compress, Sysdig2022Compatible = true });

        var rewritten = Sysdig.Open(output);
        Assert.Equal(Sysdig.Read(RepoPaths.Fixture(fixture)).Output, rewritten.Output);
    }

    [Fact]
    public void Modern_capture_rewritten_plain_is_byte_identical()
    {
        using var scratch = new Scratch();
        var output = scratch.File("out.scap");
        Rewrite(RepoPaths.Fixture("libs-sample-2023.scap"), output, ScapWriteOptions.Default);
        Assert.Equal(File.ReadAllBytes(RepoPaths.Fixture("libs-sample-2023.scap")), File.ReadAllBytes(output));
    }

    [Fact]
    public void Capture_with_section_header_options_becomes_readable_by_sysdig_2022()
    {
        // sysdig 0.29.3 refuses the original (it does not skip SHB options); our writer never writes options.
        using var scratch = new Scratch();
        var output = scratch.File("out.scap");
        Rewrite(RepoPaths.Fixture("libs-curl_google_comments.scap"), output, ScapWriteOptions.Default);

        Assert.NotEqual(0, Sysdig.Read(RepoPaths.Fixture("libs-curl_google_comments.scap")).ExitCode);
        var rewritten = Sysdig.Open(output);
        Assert.Equal(Sysdig.Read(RepoPaths.Fixture("libs-curl_google.scap")).Output, rewritten.Output);
    }

    static void Rewrite(string input, string output, ScapWriteOptions options)
    {
        using var reader = ScapFileReader.Open(input);
        using var writer = ScapFileWriter.Create(output, options);
        var copied = ScapFileCopy.Copy(reader, writer);
        // The compatible layout drops the ids sysdig 0.29.3 skips anyway (354/358 in the 2023 sample).
        Assert.Equal(reader.EventsRead - writer.EventsDropped, copied);
        Assert.Empty(reader.Problems);
    }
}
