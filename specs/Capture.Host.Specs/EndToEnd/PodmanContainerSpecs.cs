using System.Diagnostics;

namespace Capture.Host.Specs.EndToEnd;

/// <summary>
/// A real container, run by podman (with runc: crun refuses this machine's hybrid cgroups)
/// from an image made here from busybox-static (no registry is reachable), captured live with
/// the probe: its events are found by the container's name and image, asked of podman's
/// Docker-compatible API, and carry the id podman gives it.
/// </summary>
public sealed class PodmanContainerSpecs
{
    const string Image = "localhost/capture-spec-busybox:1";
    const string Socket = "/run/podman/podman.sock";

    [PodmanFact]
    public void A_podman_container_is_found_by_its_name_and_image_with_the_id_podman_gives_it()
    {
        var name = $"capture-spec-{Environment.ProcessId}";
        MakeImage();
        using var service = StartService();
        using var capture = LiveCapture.Start("-p", "%container.id|%container.name|%container.image|%container.image.repository|%container.image.tag|%container.type|%proc.exe|%fd.name",
            $"container.name={name} and container.image={Image} and evt.type=openat and fd.name=/etc/capture-spec-marker");
        // busybox's shell runs cat by executing /proc/self/exe (its comm is "exe"), with argv[0] cat.
        // The marker is opened after a pause, so the name is known by then (asked when the
        // container's first process appeared); the open fails, and its path is still its fd.name.
        var id = Podman("run", "-d", "--name", name, "--runtime", "/usr/sbin/runc", "--network", "none",
            "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024", Image, "/bin/sh", "-c", "sleep 2; cat /etc/capture-spec-marker; sleep 1").Trim();
        try
        {
            var listed = Podman("ps", "--no-trunc", "--filter", $"name={name}", "--format", "{{.ID}}").Trim();
            Assert.Equal(id, listed);
            Podman("wait", name);
        }
        finally
        {
            Podman("rm", "-f", name);
        }
        Thread.Sleep(300);
        var result = capture.Stop();

        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(result.Lines);
        Assert.Equal($"{id[..12]}|{name}|{Image}|localhost/capture-spec-busybox|1|podman|cat|/etc/capture-spec-marker", line);
    }

    // A filter keeps the whole table current (it follows every event); a file written whole keeps
    // only the containers current, from the cgroups of clone and execve. Either way the container
    // is met when its first process starts, and its metadata written into the file once learnt;
    // execve and clone stay in the file so its reader learns which threads are in it. (sysdig
    // 0.29.3 does not know podman's libpod cgroups: it puts these threads on the host whatever the
    // file says, so only capture reads the name back here.)
    [PodmanTheory]
    [InlineData("evt.type in (execve, clone, openat)")]
    [InlineData(null)]
    public void A_file_written_live_names_the_podman_container_started_during_the_capture_when_read_back(string? filter)
    {
        var name = $"capture-spec-w-{Environment.ProcessId}";
        MakeImage();
        using var service = StartService();
        var dir = Directory.CreateTempSubdirectory("capture-podman-w-");
        try
        {
            var file = Path.Combine(dir.FullName, "live.scap");
            using var capture = LiveCapture.Start(filter is null ? ["-w", file] : ["-w", file, filter]);
            Podman("run", "--rm", "--name", name, "--runtime", "/usr/sbin/runc", "--network", "none",
                "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024", Image, "/bin/sh", "-c", "sleep 2; cat /etc/capture-spec-marker; sleep 1");
            Thread.Sleep(300);
            Assert.Equal(0, capture.Stop().ExitCode);

            var ours = CaptureProcess.Run("-r", file, "-p", "%container.name|%container.image|%proc.exe", $"container.name={name} and evt.type=openat");
            Assert.Equal(0, ours.ExitCode);
            Assert.Contains($"{name}|{Image}|cat", ours.Lines);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>An image of busybox-static alone, imported once (podman keeps it).</summary>
    static void MakeImage()
    {
        if (Run("podman", "image", "exists", Image).ExitCode == 0) return;
        var root = Directory.CreateTempSubdirectory("capture-busybox-");
        try
        {
            var bin = Directory.CreateDirectory(Path.Combine(root.FullName, "bin"));
            Directory.CreateDirectory(Path.Combine(root.FullName, "etc"));
            File.Copy("/bin/busybox", Path.Combine(bin.FullName, "busybox"));
            foreach (var applet in new[] { "sh", "sleep", "cat" })
                File.CreateSymbolicLink(Path.Combine(bin.FullName, applet), "busybox");
            var tar = Path.Combine(root.FullName, "..", root.Name + ".tar");
            Check(Run("tar", "-C", root.FullName, "-cf", tar, "."));
            Check(Run("podman", "import", tar, Image));
            File.Delete(tar);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>podman's API service on its default socket, where capture looks, unless one runs there already.</summary>
    static Service StartService()
    {
        if (Path.Exists(Socket)) return new Service(null);
        Directory.CreateDirectory(Path.GetDirectoryName(Socket)!);
        var service = new Service(Process.Start(new ProcessStartInfo("podman", ["system", "service", "--time", "0", "unix://" + Socket]))!);
        for (var waited = 0; !Path.Exists(Socket) && waited < 100; waited++) Thread.Sleep(100);
        if (Path.Exists(Socket)) return service;
        service.Dispose();
        throw new InvalidOperationException("podman system service did not make its socket in 10 s");
    }

    /// <summary>The service this spec started, stopped (that process alone) when the spec ends.</summary>
    sealed class Service(Process? started) : IDisposable
    {
        public void Dispose()
        {
            if (started is null) return;
            if (!started.HasExited) started.Kill();
            started.WaitForExit();
            started.Dispose();
            if (Path.Exists(Socket)) File.Delete(Socket);
        }
    }

    static string Podman(params string[] args) => Check(Run("podman", args));

    static string Check((int ExitCode, string Output, string Error) run)
    {
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}");
        return run.Output;
    }

    static (int ExitCode, string Output, string Error) Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }
}
