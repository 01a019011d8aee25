using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Capture.Native.Files;
using Capture.Native.ProcFs;
using Capture.Native.Processes;

namespace Capture.Native.Specs.ProcFs;

public sealed class ProcFdListSpecs
{
    static FdRecord OwnFd(SafeHandle handle) =>
        Assert.Single(ProcFdList.Of(Environment.ProcessId), r => r.Fd == (long)handle.DangerousGetHandle());

    static FdRecord OwnFd(Socket socket) => OwnFd(socket.SafeHandle);

    [Fact]
    public void The_fd_list_of_a_live_process_names_its_open_files_as_this_process_sees_them()
    {
        var path = Path.GetTempFileName();
        try
        {
            using var file = File.OpenRead(path);
            var opened = OwnFd(file.SafeFileHandle);
            Assert.Equal(FdKind.File, opened.Type);
            Assert.Equal(path, opened.Name);
            Assert.All(ProcFdList.Of(Environment.ProcessId), r => Assert.Equal(Environment.ProcessId, r.Tid));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Tcp_sockets_opened_before_are_listed_with_their_addresses_a_listener_as_a_server()
    {
        using var tcp = LoopbackTcp.Open();
        var server = OwnFd(tcp.Listener);
        Assert.Equal(FdKind.Ipv4ServerSocket, server.Type);
        Assert.Equal($"127.0.0.1:{tcp.ServerPort}", server.Name);
        Assert.Equal(SocketDetail.Tcp, server.Detail![^1]);

        var connection = OwnFd(tcp.Client);
        Assert.Equal(FdKind.Ipv4Socket, connection.Type);
        Assert.Equal(tcp.ClientTuple, connection.Name);
        Assert.Equal($"127.0.0.1:{tcp.ServerPort}->127.0.0.1:{tcp.ClientPort}", OwnFd(tcp.Accepted).Name);
        Assert.NotEqual(0UL, connection.Inode);
    }

    [Fact]
    public void Udp_ipv6_and_unix_sockets_are_listed_with_their_transport_and_names()
    {
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var udpRecord = OwnFd(udp);
        Assert.Equal(FdKind.Ipv4ServerSocket, udpRecord.Type);
        Assert.Equal($"127.0.0.1:{((IPEndPoint)udp.LocalEndPoint!).Port}", udpRecord.Name);
        Assert.Equal(SocketDetail.Udp, udpRecord.Detail![^1]);

        using var v6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        v6.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        v6.Listen();
        var v6Record = OwnFd(v6);
        Assert.Equal(FdKind.Ipv6ServerSocket, v6Record.Type);
        Assert.Equal($"[::1]:{((IPEndPoint)v6.LocalEndPoint!).Port}", v6Record.Name);

        var path = Path.Combine(Path.GetTempPath(), $"capture-spec-{Guid.NewGuid():N}.sock");
        try
        {
            using var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            unix.Bind(new UnixDomainSocketEndPoint(path));
            var unixRecord = OwnFd(unix);
            Assert.Equal(FdKind.UnixSocket, unixRecord.Type);
            Assert.Equal(path, unixRecord.Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Socket_entries_made_from_proc_read_back_from_a_written_fd_list_unchanged()
    {
        using var tcp = LoopbackTcp.Open();
        var record = OwnFd(tcp.Client);

        var body = FdListEncoder.EncodeBody(record.Tid, [record], legacyTypesOnly: true);
        var cursor = new BodyCursor(body, "proc-fds", 0);
        var read = new List<FdRecord>();
        FdListParser.Parse(ref cursor, sized: true, read.Add);
        var back = Assert.Single(read);
        Assert.Equal((record.Fd, record.Inode, record.Type, record.Name), (back.Fd, back.Inode, back.Type, back.Name));
    }

    [Fact]
    public void A_process_that_is_gone_has_an_empty_fd_list()
    {
        Assert.Empty(ProcFdList.Of(int.MaxValue));
    }
}
