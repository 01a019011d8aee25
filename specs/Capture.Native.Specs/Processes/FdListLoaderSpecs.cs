using System.Text;
using Capture.Native.Formatting;
using Capture.Native.Processes;
using Capture.Native.Schema;
using Capture.Native.Specs.Formatting;
using Capture.Native.Text;

namespace Capture.Native.Specs.Processes;

public sealed class FdListLoaderSpecs
{
    const long Sshd = 13612;
    const byte Tcp = 2;

    static ThreadTable WithSshd()
    {
        var threads = new ThreadTable();
        threads.Add(new ThreadEntry(Sshd, Sshd, 1, "sshd", "sshd", "", [], "/", 0, 0));
        return threads;
    }

    static string RenderFd(ThreadTable threads, long fd)
    {
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_CLOSE_E, tid: Sshd).I64(fd).Build();
        var dst = new Utf8Buffer();
        new ParamFormatter(threads).Write(dst, FrameBuilder.View(frame), 0, threads.Find(Sshd), 0);
        return dst.ToString();
    }

    [Fact]
    public void Listed_connections_from_a_listening_port_are_turned_to_face_the_server()
    {
        // falco-run_as_user_0_container.scap lists sshd's connection as 10.0.2.15:22 -> 10.0.2.2:49289,
        // and sysdig prints "fd=3(<4t>10.0.2.2:49289->10.0.2.15:22)" because sshd listens on 22.
        var threads = WithSshd();
        var loader = new FdListLoader(threads);
        loader.Ipv4Connection(Sshd, 3, [10, 0, 2, 15], 22, [10, 0, 2, 2], 49289, Tcp);
        loader.Ipv4Server(Sshd, 4, [0, 0, 0, 0], 22, Tcp);
        loader.Ipv4Connection(Sshd, 5, [10, 0, 2, 15], 40000, [1, 1, 1, 1], 443, Tcp);
        loader.Complete();

        Assert.Equal("3(<4t>10.0.2.2:49289->10.0.2.15:22)", RenderFd(threads, 3));
        Assert.Equal("4(<4t>0.0.0.0:22)", RenderFd(threads, 4));
        Assert.Equal("5(<4t>10.0.2.15:40000->1.1.1.1:443)", RenderFd(threads, 5));
    }

    [Fact]
    public void Listed_ipv6_sockets_print_as_ipv6_unless_both_ends_are_mapped_ipv4()
    {
        var threads = WithSshd();
        var loader = new FdListLoader(threads);
        var v6 = Convert.FromHexString("20010db8000000000000000000000003");
        var peer = Convert.FromHexString("20010db8000000000000000000000004");
        loader.Ipv6Connection(Sshd, 3, peer, 54405, v6, 1234, Tcp);
        loader.Ipv6Server(Sshd, 4, v6, 1234, Tcp);
        var mappedA = Convert.FromHexString("00000000000000000000ffff0a000001");
        var mappedB = Convert.FromHexString("00000000000000000000ffff0a000002");
        loader.Ipv6Connection(Sshd, 5, mappedA, 5000, mappedB, 80, 3);
        loader.Complete();

        Assert.Equal("3(<6t>2001:db8::4:54405->2001:db8::3:1234)", RenderFd(threads, 3));
        Assert.Equal("4(<6t>2001:db8::3:1234)", RenderFd(threads, 4));
        Assert.Equal("5(<4u>10.0.0.1:5000->10.0.0.2:80)", RenderFd(threads, 5));
    }

    [Fact]
    public void Named_records_keep_their_kind_and_name()
    {
        var threads = WithSshd();
        var loader = new FdListLoader(threads);
        loader.Named(Sshd, 0, FdKind.FileV2, Encoding.ASCII.GetBytes("/dev/null"));
        loader.Named(Sshd, 6, FdKind.Directory, Encoding.ASCII.GetBytes("/sys/fs/cgroup"));
        loader.Unix(Sshd, 7, Encoding.ASCII.GetBytes("/var/run/docker.sock\n"));
        loader.Named(Sshd, 8, FdKind.EventPoll, []);

        Assert.Equal("0(<f>/dev/null)", RenderFd(threads, 0));
        Assert.Equal("6(<d>/sys/fs/cgroup)", RenderFd(threads, 6));
        Assert.Equal("7(<u>/var/run/docker.sock)", RenderFd(threads, 7));
        Assert.Equal("8(<l>)", RenderFd(threads, 8));
    }

    [Fact]
    public void Records_for_threads_missing_from_the_process_list_are_dropped()
    {
        var threads = WithSshd();
        new FdListLoader(threads).Named(999, 0, FdKind.File, "/x"u8);
        Assert.Null(threads.Find(999));
    }
}
