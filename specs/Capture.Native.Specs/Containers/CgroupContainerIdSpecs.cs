using System.Text;
using Capture.Native.Containers;

namespace Capture.Native.Specs.Containers;

public sealed class CgroupContainerIdSpecs
{
    const string Full = "697956520d891b5cb0e215093970c733549a3f745f52263c05b37f8a488994f3";
    const string Short = "697956520d89";

    [Theory]
    [InlineData("/docker/" + Full, ContainerType.Docker, Short)]
    [InlineData("/system.slice/docker-" + Full + ".scope", ContainerType.Docker, Short)]
    [InlineData("/machine.slice/libpod-" + Full + ".scope", ContainerType.Podman, Short)]
    [InlineData("/libpod_parent/libpod-" + Full, ContainerType.Podman, Short)]
    [InlineData("/system.slice/containerd.service/kubepods-besteffort-pod1.slice:cri-containerd:" + Full, ContainerType.Containerd, Short)]
    [InlineData("/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod12.slice/cri-containerd-" + Full + ".scope", ContainerType.Containerd, Short)]
    [InlineData("/kubepods/besteffort/pod3b2a/" + Full, ContainerType.Cri, Short)]
    [InlineData("/kubepods.slice/kubepods-pod9.slice/crio-" + Full + ".scope", ContainerType.CriO, Short)]
    [InlineData("/crio-" + Full, ContainerType.CriO, Short)]
    [InlineData("/lxc/web01", ContainerType.Lxc, "web01")]
    [InlineData("/lxc.payload.web01/init.scope", ContainerType.Lxc, "web01")]
    [InlineData("/lxc.payload/web01", ContainerType.Lxc, "web01")]
    public void A_runtimes_cgroup_path_names_its_container(string path, ContainerType type, string id)
    {
        Assert.True(CgroupContainerId.TryFind(Entries("cpu=/", "memory=" + path), out var foundType, out var foundId));
        Assert.Equal(type, foundType);
        Assert.Equal(id, Encoding.ASCII.GetString(foundId));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/user.slice/user-501.slice/session-3.scope")]
    [InlineData("/system.slice/docker.service")]
    [InlineData("/machine.slice/libpod-conmon-" + Full + ".scope")]
    [InlineData("/crio-conmon-" + Full + ".scope")]
    [InlineData("/docker/697956520d89")] // not a whole id
    [InlineData("/docker/" + Full + "0")] // longer than one
    [InlineData("/docker/697956520d891b5cb0e215093970c733549a3f745f52263c05b37f8a488994fz")] // not hex
    public void A_host_path_or_a_runtimes_helper_names_no_container(string path)
    {
        Assert.False(CgroupContainerId.TryFind(Entries("cpu=" + path, "name=systemd=" + path), out var type, out _));
        Assert.Equal(ContainerType.Host, type);
    }

    [Fact]
    public void The_first_entry_that_names_a_container_wins_and_no_separator_is_needed_at_the_end()
    {
        var cgroups = Encoding.ASCII.GetBytes("cpuset=/\0pids=/docker/" + Full + "\0memory=/libpod_parent/libpod-" + new string('a', 64));
        Assert.True(CgroupContainerId.TryFind(cgroups, out var type, out var id));
        Assert.Equal((ContainerType.Docker, Short), (type, Encoding.ASCII.GetString(id)));
        Assert.True(CgroupContainerId.TryFind(Encoding.ASCII.GetBytes("memory=/libpod_parent/libpod-" + new string('a', 64)), out type, out id));
        Assert.Equal((ContainerType.Podman, "aaaaaaaaaaaa"), (type, Encoding.ASCII.GetString(id)));
    }

    [Fact]
    public void The_table_gives_threads_of_one_container_the_same_entry_and_asks_its_runtime_once()
    {
        var asked = new List<string>();
        var table = new ContainerTable(new RecordingSource(asked));
        var first = table.ForCgroups(Entries("memory=/docker/" + Full));
        var second = table.ForCgroups(Entries("cpu=/system.slice/docker-" + Full + ".scope"));
        Assert.Same(first, second);
        Assert.Same(Container.Host, table.ForCgroups(Entries("cpu=/user.slice")));
        Assert.Equal([Short], asked);
    }

    [Fact]
    public void Finding_a_known_container_allocates_nothing()
    {
        var table = new ContainerTable();
        var cgroups = Entries("cpuset=/", "cpu=/", "memory=/docker/" + Full);
        var hostCgroups = Entries("cpuset=/", "cpu=/user.slice", "memory=/user.slice/user-1000.slice/session-2.scope");
        Assert.Equal(0, Allocations.FewestOver(3, () =>
        {
            for (var i = 0; i < 1000; i++)
            {
                table.ForCgroups(cgroups);
                table.ForCgroups(hostCgroups);
            }
        }));
    }

    static byte[] Entries(params string[] entries) => Encoding.ASCII.GetBytes(string.Concat(entries.Select(e => e + "\0")));

    sealed class RecordingSource(List<string> asked) : IContainerMetadataSource
    {
        public void Request(Container container) => asked.Add(container.IdText);
    }
}
