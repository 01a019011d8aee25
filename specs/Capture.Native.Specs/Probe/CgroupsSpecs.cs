using System.Diagnostics;
using Capture.Native.Events;
using Capture.Native.Probe;

namespace Capture.Native.Specs.Probe;

/// <summary>
/// The cgroups parameter of clone and execve exit events. A shell is moved into a cgroup
/// made for the spec while it waits on its standard input, then forks and the child execs
/// /bin/true: the shell's clone exit, the child's clone exit and the child's execve exit
/// must each name, for every subsystem, the cgroup the kernel's setup predicts.
/// </summary>
public sealed class CgroupsSpecs
{
    const int CgroupsParam = 14; // of clone, fork, vfork, clone3, execve and execveat exits
    static readonly string[] CloneExits = ["PPME_SYSCALL_CLONE_20_X", "PPME_SYSCALL_CLONE3_X", "PPME_SYSCALL_FORK_20_X", "PPME_SYSCALL_VFORK_20_X"];

    [CgroupFact(CgroupFactAttribute.Hierarchy.Unified)]
    public void In_a_fresh_v2_group_each_controller_must_show_the_nearest_group_whose_parent_enables_it()
    {
        // root -> parent -> leaf; the shell joins the leaf. The parent enables for the leaf the
        // first controller the root enables for it (when the root enables any).
        var mount = CgroupLayout.Unified()!;
        using var group = new FreshCgroup(mount, levels: 2);
        var parentDirectory = group.Directories[0];
        var enabledAtRoot = CgroupLayout.SubtreeControl(mount.MountPoint);
        if (enabledAtRoot.Order().FirstOrDefault() is { } passedOn)
            File.WriteAllText(Path.Combine(parentDirectory, "cgroup.subtree_control"), "+" + passedOn);
        var enabledAtParent = CgroupLayout.SubtreeControl(parentDirectory);
        var parentPath = group.Path[..group.Path.LastIndexOf('/')];
        var run = ForkAndExecIn(group);

        Assert.Equal(group.Path, run.ProcCgroup[""]);
        // perf_event is implicit on the unified hierarchy: every group has its css
        var unified = CgroupLayout.Subsystems().Where(s => s.Hierarchy == 0).Select(s => s.Name).ToList();
        var expected = unified.ToDictionary(n => n, n =>
            n == "perf_event" || enabledAtParent.Contains(n) ? group.Path
            : enabledAtRoot.Contains(n) ? parentPath
            : mount.Root);
        Assert.Contains(expected.Values, p => p == group.Path);
        foreach (var entries in run.AllEntries)
            foreach (var (name, path) in expected)
                Assert.Equal($"{name}={path}", $"{name}={entries[name]}");
    }

    [CgroupFact(CgroupFactAttribute.Hierarchy.V1Pids)]
    public void In_a_fresh_v1_group_its_controller_must_show_the_group_and_the_others_their_proc_cgroup_paths()
    {
        var mount = CgroupLayout.V1("pids")!;
        using var group = new FreshCgroup(mount, levels: 3);
        var run = ForkAndExecIn(group);

        Assert.Equal(group.Path, run.ProcCgroup["pids"]);
        var onV1 = CgroupLayout.Subsystems().Where(s => s.Hierarchy != 0).Select(s => s.Name).ToList();
        foreach (var entries in run.AllEntries)
        {
            Assert.Equal($"pids={group.Path}", $"pids={entries["pids"]}");
            foreach (var name in onV1)
                Assert.Equal($"{name}={run.ProcCgroup[name]}", $"{name}={entries[name]}");
        }
    }

    [CgroupFact(CgroupFactAttribute.Hierarchy.Any)]
    public void Every_subsystem_of_the_kernel_must_have_one_entry_in_kernel_order_each_a_path_from_the_root()
    {
        using var group = new FreshCgroup(AnyWritable());
        var run = ForkAndExecIn(group);

        var names = CgroupLayout.Subsystems().Select(s => s.Name).ToList();
        foreach (var raw in run.RawValues)
        {
            Assert.EndsWith("\0", raw);
            var entries = raw[..^1].Split('\0');
            Assert.Equal(names, entries.Select(e => e[..e.IndexOf('=')]).ToList());
            Assert.All(entries, e => Assert.StartsWith("/", e[(e.IndexOf('=') + 1)..]));
        }
    }

    [CgroupFact(CgroupFactAttribute.Hierarchy.Any)]
    public void A_group_deeper_than_sixteen_levels_must_keep_its_deepest_sixteen_behind_an_ellipsis()
    {
        using var group = new FreshCgroup(AnyWritable(), levels: 18);
        var run = ForkAndExecIn(group);

        var deepest16 = string.Concat(group.Path.Split('/')[^16..].Select(c => "/" + c));
        Assert.StartsWith("/level3/level4/", deepest16); // the top group and level2 are cut
        var name = SubsystemFollowingTheGroup();
        foreach (var entries in run.AllEntries)
            Assert.Equal($"{name}=...{deepest16}", $"{name}={entries[name]}");
    }

    [CgroupFact(CgroupFactAttribute.Hierarchy.Any)]
    public void Sysdig_must_take_the_childs_cgroups_from_its_clone_and_execve_events_written_to_a_file()
    {
        using var group = new FreshCgroup(AnyWritable());
        var run = ForkAndExecIn(group);
        using var scratch = new Files.Scratch();
        var path = scratch.File("cgroups.scap");
        using (var writer = Capture.Native.Files.ScapFileWriter.Create(path, new Capture.Native.Files.ScapWriteOptions { Sysdig2022Compatible = true }))
            foreach (var frame in run.Frames) Assert.True(writer.WriteEvent(frame, 0));

        var result = Sysdig.Open(path, "-p", "%evt.type %thread.cgroups", "proc.name=true");
        // sysdig prints the entries space-separated and calls the io subsystem by its v1 name
        var expected = string.Join(' ', run.RawValues[2].TrimEnd('\0').Split('\0').Select(e => e.StartsWith("io=") ? "blkio=" + e[3..] : e));
        Assert.Contains(group.Path, expected);
        Assert.Equal($"execve {expected}", Assert.Single(result.Lines));
    }

    [CgroupFact(CgroupFactAttribute.Hierarchy.Any)]
    public void A_group_sixteen_levels_below_the_root_must_show_its_whole_path()
    {
        var mount = AnyWritable();
        using var group = new FreshCgroup(mount, levels: 16 - (mount.Root.TrimEnd('/').Split('/').Length - 1));
        var run = ForkAndExecIn(group);

        Assert.Equal(16, group.Path.Split('/').Length - 1);
        var name = SubsystemFollowingTheGroup();
        foreach (var entries in run.AllEntries)
            Assert.Equal($"{name}={group.Path}", $"{name}={entries[name]}");
    }

    /// <summary>
    /// A subsystem whose css is the group's own in <see cref="AnyWritable"/>: on the unified
    /// hierarchy perf_event (implicit) or one the root enables, on v1 pids.
    /// </summary>
    static string SubsystemFollowingTheGroup()
    {
        if (AnyWritable().MountPoint != CgroupLayout.Unified()?.MountPoint) return "pids";
        var enabledAtRoot = CgroupLayout.SubtreeControl(CgroupLayout.Unified()!.MountPoint);
        var name = CgroupLayout.Subsystems().Where(s => s.Hierarchy == 0).Select(s => s.Name).FirstOrDefault(n => n == "perf_event" || enabledAtRoot.Contains(n));
        Assert.True(name is not null, "no subsystem on the unified hierarchy follows a new group: none is enabled at its root");
        return name;
    }

    /// <summary>The unified hierarchy when a group can be made there, else the v1 pids one.</summary>
    static CgroupLayout.Mount AnyWritable() =>
        CgroupLayout.Unwritable(CgroupLayout.Unified(), "cgroup v2") is null ? CgroupLayout.Unified()! : CgroupLayout.V1("pids")!;

    /// <summary>The three events of one fork-and-exec inside a group (parent's clone, child's clone, child's execve), and the shell's /proc/PID/cgroup there.</summary>
    sealed record ForkAndExec(IReadOnlyDictionary<string, string> ProcCgroup, IReadOnlyList<byte[]> Frames)
    {
        public IReadOnlyList<string> RawValues { get; } = Frames.Select(f => System.Text.Encoding.UTF8.GetString(FrameReading.View(f).Param(CgroupsParam))).ToList();

        public IEnumerable<IReadOnlyDictionary<string, string>> AllEntries => RawValues.Select(Parse);

        static IReadOnlyDictionary<string, string> Parse(string raw) =>
            raw.Split('\0', StringSplitOptions.RemoveEmptyEntries).ToDictionary(e => e[..e.IndexOf('=')], e => e[(e.IndexOf('=') + 1)..]);
    }

    static ForkAndExec ForkAndExecIn(FreshCgroup group)
    {
        using var probe = ModernProbe.Load(new ProbeSettings { Interest = NativeSyscalls.NumbersOf("clone", "clone3", "fork", "vfork", "execve") });
        using var captured = new CapturedEvents(probe);
        probe.Attach();

        // "; echo" keeps /bin/true from being the shell's last command, which it would exec without forking
        var info = new ProcessStartInfo("/bin/sh", ["-c", "read go; /bin/true; echo done"]) { RedirectStandardInput = true, RedirectStandardOutput = true };
        using var shell = Process.Start(info)!;
        IReadOnlyDictionary<string, string> procCgroup;
        try
        {
            group.Add(shell.Id);
            procCgroup = CgroupLayout.Of(shell.Id);
            shell.StandardInput.WriteLine("go");
            shell.StandardInput.Close();
            Assert.Equal("done", shell.StandardOutput.ReadToEnd().Trim());
            shell.WaitForExit();
        }
        finally
        {
            if (!shell.HasExited) shell.Kill();
            shell.WaitForExit();
        }
        probe.Detach();
        var frames = captured.StopAndCollect();

        var parentClone = Single(frames, shell.Id, v => CloneExits.Contains(v.Info.EnumName) && v.Int64(0) > 0);
        var child = FrameReading.View(parentClone).Int64(0);
        var childClone = Single(frames, child, v => CloneExits.Contains(v.Info.EnumName) && v.Int64(0) == 0);
        var exec = Single(frames, child, v => v.Info.EnumName == "PPME_SYSCALL_EXECVE_19_X" && v.Int64(0) == 0);
        Assert.Equal("/bin/true", FrameReading.View(exec).Text(1));
        return new ForkAndExec(procCgroup, [parentClone, childClone, exec]);
    }

    static byte[] Single(IReadOnlyList<byte[]> frames, long tid, Func<EventView, bool> where)
    {
        var matching = frames.Where(f => FrameReading.ThreadIdOf(f) == (ulong)tid && where(FrameReading.View(f))).ToList();
        Assert.True(matching.Count == 1, $"expected one such event from thread {tid}, found {matching.Count}");
        return matching[0];
    }
}

/// <summary>
/// A kernel fact that also needs a cgroup hierarchy it may create groups in; reported
/// skipped with the reason where there is none (no mount, read-only, not root).
/// </summary>
public sealed class CgroupFactAttribute : FactAttribute
{
    public enum Hierarchy { Unified, V1Pids, Any }

    public CgroupFactAttribute(Hierarchy hierarchy)
    {
        if (ProbeAvailability.Missing is { } missing)
        {
            Skip = $"the eBPF probe cannot load here: {missing}";
            return;
        }
        if (CgroupLayout.InACgroupNamespace())
        {
            Skip = "this process is in a cgroup namespace: /proc/PID/cgroup and cgroupfs paths are relative to it, the probe's are from the hierarchy's root";
            return;
        }
        var unified = CgroupLayout.Unwritable(CgroupLayout.Unified(), "cgroup v2");
        var pids = CgroupLayout.Unwritable(CgroupLayout.V1("pids"), "cgroup v1 pids");
        Skip = hierarchy switch
        {
            Hierarchy.Unified => unified,
            Hierarchy.V1Pids => pids,
            _ => unified is not null && pids is not null ? $"{unified}; {pids}" : null,
        };
    }
}
