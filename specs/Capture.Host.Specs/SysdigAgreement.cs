using Capture.Specs.Support;

namespace Capture.Host.Specs;

/// <summary>How the specs hold capture's reading of a fixture to sysdig's.</summary>
static class SysdigAgreement
{
    /// <summary>`capture -r FIXTURE ARGS` prints exactly what `sysdig -r FIXTURE ARGS` prints, and that is not nothing.</summary>
    public static CaptureProcess.Result AssertPrintsAsSysdig(string fixture, params string[] args) =>
        AssertFilePrintsAsSysdig(RepoPaths.Fixture(fixture), args);

    /// <summary>The same for any capture file, such as one written live.</summary>
    public static CaptureProcess.Result AssertFilePrintsAsSysdig(string path, params string[] args)
    {
        var theirs = Sysdig.Open(path, args);
        var ours = CaptureProcess.Run(["-r", path, .. args]);
        Assert.Equal(0, ours.ExitCode);
        Assert.NotEmpty(theirs.Output);
        Assert.Equal(theirs.Output, ours.Output);
        return ours;
    }
}
