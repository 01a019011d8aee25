using System.Text.RegularExpressions;

namespace Capture.Host.Specs.Packaging;

/// <summary>The man page the package installs (packaging/deb/capture.1) keeps up with `capture --help`.</summary>
public sealed class ManPageSpecs
{
    static readonly string s_page = File.ReadAllText(Path.Combine(RepoPaths.Root, "packaging", "deb", "capture.1"));

    [Theory]
    [InlineData]
    [InlineData("serve")]
    [InlineData("info")]
    public void Every_option_in_the_help_is_in_the_man_page(params string[] command)
    {
        var help = CommandRunner.Run([.. command, "--help"]).Output;
        var options = Regex.Matches(help, @"^\s+(-[^\s,<]+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value)
            .Concat(Regex.Matches(help, @", (--[\w-]+)").Select(m => m.Groups[1].Value)).Distinct().ToList();

        Assert.NotEmpty(options);
        Assert.All(options, option => Assert.Contains(option.Replace("-", @"\-"), s_page));
    }

    [Fact]
    public void Every_command_in_the_help_is_in_the_man_page()
    {
        var help = CommandRunner.Run("--help").Output;
        var commands = Regex.Matches(help[help.IndexOf("Commands:", StringComparison.Ordinal)..], @"^  (\w+)\s", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(["info", "serve"], commands);
        Assert.All(commands, c => Assert.Contains($".B {c}\n", s_page));
    }
}
