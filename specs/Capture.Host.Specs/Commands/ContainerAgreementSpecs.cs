using static Capture.Host.Specs.SysdigAgreement;

namespace Capture.Host.Specs.Commands;

/// <summary>
/// The container fields and sysdig's container line formats, against sysdig 0.29.3 on the
/// 2019 docker capture: its process list and clone/execve cgroups put bash and ls in
/// container 697956520d89, and its container events name it (hopeful_taussig, nginx:latest).
/// </summary>
public sealed class ContainerAgreementSpecs
{
    const string Fixture = "falco-run_as_user_0_container.scap";
    const string ContainerId = "697956520d89";

    public static TheoryData<string> Fields() =>
    [
        "container.id", "container.name", "container.image", "container.image.repository", "container.image.tag",
        "container.image.id", "container.image.digest", "container.type", "container.privileged", "thread.vtid", "proc.vpid",
    ];

    [Theory]
    [MemberData(nameof(Fields))]
    public void A_container_field_prints_what_sysdig_prints_for_it(string field)
    {
        var ours = AssertPrintsAsSysdig(Fixture, "-p", $"*%evt.num %thread.tid %{field}");
        // The container's own threads must be among the lines with a value, not only the host's.
        Assert.Contains(ours.Lines, line => line.StartsWith("1609 25754 ", StringComparison.Ordinal) && !line.EndsWith(" <NA>", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("c")]
    [InlineData("k")]
    [InlineData("m")]
    public void A_named_line_format_prints_what_sysdig_prints(string letter)
    {
        var ours = AssertPrintsAsSysdig(Fixture, "-p" + letter);
        Assert.Contains(ours.Lines, line => line.Contains($" ({ContainerId}) bash (25754:1) ", StringComparison.Ordinal));
        Assert.Contains(ours.Lines, line => line.Contains(" (host) dockerd (1973:1973) ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("container.id=" + ContainerId)]
    [InlineData("container.id!=host and evt.type=execve")]
    [InlineData("container.name=hopeful_taussig and evt.dir='<'")]
    [InlineData("container.name=host and proc.name=dockerd")]
    [InlineData("container.image=nginx")]
    [InlineData("container.image.repository=nginx and container.image.tag=latest and proc.name=ls")]
    [InlineData("container.type=docker")]
    [InlineData("container.privileged=false")]
    [InlineData("thread.vtid=6")]
    public void A_container_filter_selects_what_sysdig_selects(string filter)
    {
        var ours = AssertPrintsAsSysdig(Fixture, filter);
        Assert.NotEmpty(ours.Lines);
    }

    [Fact]
    public void Each_container_field_is_listed_in_one_line()
    {
        var listing = CaptureProcess.Run("-l").Lines;
        foreach (var field in Fields())
            Assert.Single(listing, line => line.TrimStart().StartsWith(field + " ", StringComparison.Ordinal));
    }
}
