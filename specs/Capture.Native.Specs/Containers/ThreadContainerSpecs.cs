using System.Text;
using Capture.Native.Containers;
using Capture.Native.Processes;
using Capture.Native.Schema;
using Capture.Native.Specs.Formatting;

namespace Capture.Native.Specs.Containers;

/// <summary>Which container a thread is in, as the thread table learns it from lists, clone and execve.</summary>
public sealed class ThreadContainerSpecs
{
    const string Full = "697956520d891b5cb0e215093970c733549a3f745f52263c05b37f8a488994f3";
    const string Docker = "cpuset=/docker/" + Full + "\0memory=/docker/" + Full + "\0";
    const string Podman = "memory=/libpod_parent/libpod-" + Full + "\0";
    const long Shim = 25723;
    const long Bash = 25754;

    static ThreadTable WithShim()
    {
        var threads = new ThreadTable();
        threads.Add(new ThreadEntry(Shim, Shim, 1, "containerd-shim", "containerd-shim", "", [], "/", 0, 0) { Cgroups = "cpu=/system.slice/containerd.service\0" });
        return threads;
    }

    static byte[] CloneExit(long tid, long result, string cgroups, long vtid, long vpid) =>
        new FrameBuilder(EventIds.PPME_SYSCALL_CLONE_20_X, tid: (ulong)tid)
            .I64(result).Str("bash").Empty().I64(tid).I64(tid).I64(Shim).Str("/")
            .I64(1024).U64(0).U64(0).U32(0).U32(0).U32(0).Str("bash").Add(Encoding.ASCII.GetBytes(cgroups)).U32(0x20000000).U32(0).U32(0)
            .I64(vtid).I64(vpid).Build();

    static byte[] Execve(long tid, string cgroups) =>
        new FrameBuilder(EventIds.PPME_SYSCALL_EXECVE_19_X, tid: (ulong)tid)
            .I64(0).Str("/bin/ls").Empty().I64(tid).I64(tid).I64(Shim).Str("/")
            .U64(1024).U64(0).U64(0).U32(0).U32(0).U32(0).Str("ls").Add(Encoding.ASCII.GetBytes(cgroups)).Build();

    static byte[] ContainerJson(string json) =>
        new FrameBuilder(EventIds.PPME_CONTAINER_JSON_E, tid: 0).Str(json).Build();

    [Fact]
    public void A_listed_thread_is_in_the_container_its_cgroups_name_and_others_on_the_host()
    {
        var threads = WithShim();
        threads.Add(new ThreadEntry(Bash, Bash, Shim, "bash", "bash", "", [], "/", 0, 0) { Cgroups = Docker, Vtid = 1, Vpid = 1 });
        var bash = threads.Find(Bash)!;
        Assert.Equal("697956520d89", bash.Container.IdText);
        Assert.Equal(ContainerType.Docker, bash.Container.Type);
        Assert.Equal((1L, 1L), (bash.Vtid, bash.Vpid));
        Assert.Same(Container.Host, threads.Find(Shim)!.Container);
    }

    [Fact]
    public void Observing_containers_alone_meets_the_containers_clone_and_execve_name_without_following_threads()
    {
        const string Other = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        var threads = WithShim();
        threads.ObserveContainers(FrameBuilder.View(CloneExit(Bash, 0, Podman, vtid: 1, vpid: 1)));
        threads.ObserveContainers(FrameBuilder.View(Execve(Bash + 1, "cpuset=/docker/" + Other + "\0")));

        Assert.Equal(ContainerType.Podman, threads.Containers.Find("697956520d89")?.Type);
        Assert.Equal(ContainerType.Docker, threads.Containers.Find("0123456789ab")?.Type);
        Assert.Equal(2, threads.Containers.Count);
        Assert.Null(threads.Find(Bash));
    }

    [Fact]
    public void A_child_takes_the_container_its_own_clone_exit_names_with_its_ids_in_the_namespace()
    {
        var threads = WithShim();
        threads.Observe(FrameBuilder.View(CloneExit(Bash, 0, Podman, vtid: 1, vpid: 1)));
        var bash = threads.Find(Bash)!;
        Assert.Equal(("697956520d89", ContainerType.Podman), (bash.Container.IdText, bash.Container.Type));
        Assert.Equal((1L, 1L), (bash.Vtid, bash.Vpid));
    }

    [Fact]
    public void An_execve_whose_cgroups_name_a_container_moves_the_thread_into_it()
    {
        var threads = WithShim();
        threads.Observe(FrameBuilder.View(Execve(Shim, Docker)));
        Assert.Equal("697956520d89", threads.Find(Shim)!.Container.IdText);
        threads.Observe(FrameBuilder.View(Execve(Shim, "cpu=/\0")));
        Assert.True(threads.Find(Shim)!.Container.IsHost);
    }

    [Fact]
    public void A_files_container_event_names_the_container_of_threads_met_before_and_after_it()
    {
        var threads = WithShim();
        threads.Add(new ThreadEntry(Bash, Bash, Shim, "bash", "bash", "", [], "/", 0, 0) { Cgroups = Docker });
        Assert.Null(threads.Find(Bash)!.Container.Metadata);
        threads.Observe(FrameBuilder.View(ContainerJson(
            """{"container":{"id":"697956520d89","type":0,"name":"hopeful_taussig","image":"nginx","imagerepo":"nginx","imagetag":"latest","imageid":"f68d","imagedigest":"sha256:96fb","privileged":true}}""")));
        var metadata = threads.Find(Bash)!.Container.Metadata!;
        Assert.Equal("hopeful_taussig", metadata.NameText);
        Assert.Equal("nginx", metadata.ImageText);
        Assert.Equal("latest", Encoding.UTF8.GetString(metadata.ImageTag));
        Assert.True(metadata.Privileged);

        threads.Observe(FrameBuilder.View(ContainerJson("""{"container":{"id":"aaaaaaaaaaaa","type":11,"name":"later"}}""")));
        threads.Add(new ThreadEntry(30, 30, Shim, "sh", "sh", "", [], "/", 0, 0) { Cgroups = "memory=/libpod_parent/libpod-" + new string('a', 64) + "\0" });
        Assert.Equal("later", threads.Find(30)!.Container.Metadata!.NameText);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"container":{"name":"no id"}}""")]
    [InlineData("""{"other":{}}""")]
    [InlineData("\"a string, not an object\"")]
    [InlineData("[1, 2]")]
    public void A_malformed_container_event_is_ignored(string json)
    {
        var threads = WithShim();
        threads.Observe(FrameBuilder.View(ContainerJson(json)));
        Assert.Equal(0, threads.Containers.Count);
    }
}
