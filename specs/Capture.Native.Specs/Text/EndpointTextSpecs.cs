using System.Text;
using Capture.Native.Files;
using Capture.Native.Processes;
using Capture.Native.Text;

namespace Capture.Native.Specs.Text;

/// <summary>
/// A socket is named by an event's tuple, by a capture's fd list or from /proc; all three
/// write their endpoints through EndpointText, so the same connection reads the same.
/// </summary>
public sealed class EndpointTextSpecs
{
    static readonly byte[] Client = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    static readonly byte[] Server = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];
    const ushort ClientPort = 40000, ServerPort = 443;
    const byte Tcp = 2;

    [Fact]
    public void An_ipv6_connection_reads_the_same_from_an_event_tuple_an_fd_list_and_an_fd_list_record()
    {
        var fromTuple = new Utf8Buffer();
        SocketText.WriteSocktuple(fromTuple, [SocketText.FamilyInet6, .. Client, .. Port(ClientPort), .. Server, .. Port(ServerPort)]);

        var threads = new ThreadTable();
        var thread = threads.Add(new ThreadEntry(7, 7, 1, "curl", "curl", "", [], "/", 0, 0));
        var loader = new FdListLoader(threads);
        loader.Ipv6Connection(7, 3, Client, ClientPort, Server, ServerPort, Tcp);
        loader.Complete();

        var recordName = SocketDetail.Name(FdKind.Ipv6Socket, SocketDetail.Connection(Client, ClientPort, Server, ServerPort, Tcp));

        Assert.Equal("2001:db8::1:40000->2001:db8::2:443", fromTuple.ToString());
        Assert.Equal(fromTuple.ToString(), Encoding.UTF8.GetString(threads.FindFd(thread, 3)!.Name));
        Assert.Equal("[2001:db8::1]:40000->[2001:db8::2]:443", recordName); // fd-list records bracket IPv6, the one difference
    }

    [Fact]
    public void An_ipv4_endpoint_and_connection_are_dotted_with_their_ports()
    {
        var text = new Utf8Buffer();
        EndpointText.WriteEndpoint(text, [10, 0, 2, 15], 22);
        text.Append(" "u8);
        EndpointText.WriteConnection(text, [10, 0, 2, 2], 49289, [10, 0, 2, 15], 22, bracketIpv6: true);
        Assert.Equal("10.0.2.15:22 10.0.2.2:49289->10.0.2.15:22", text.ToString());
    }

    [Fact]
    public void SocketDetail_reads_back_the_layout_it_writes_and_refuses_a_short_one()
    {
        var connection = SocketDetail.Connection(Client, ClientPort, Server, ServerPort, Tcp);
        Assert.Equal(SocketDetail.Ipv6Length, connection.Length);
        Assert.True(SocketDetail.TryRead(FdKind.Ipv6Socket, connection, out var read));
        Assert.Equal((Hex(Client), ClientPort, Hex(Server), ServerPort, Tcp, false),
            (Hex(read.Source), read.SourcePort, Hex(read.Destination), read.DestinationPort, read.Transport, read.IsServer));

        var server = SocketDetail.Server([127, 0, 0, 1], 8080, 3);
        Assert.Equal(SocketDetail.Ipv4ServerLength, server.Length);
        Assert.True(SocketDetail.TryRead(FdKind.Ipv4ServerSocket, server, out var listening));
        Assert.Equal(("7F000001", 8080, 3, true), (Hex(listening.Source), listening.SourcePort, listening.Transport, listening.IsServer));

        Assert.False(SocketDetail.TryRead(FdKind.Ipv4Socket, server, out _));
        Assert.False(SocketDetail.TryRead(FdKind.UnixSocket, connection, out _));
    }

    static byte[] Port(ushort port) => BitConverter.GetBytes(port);

    static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
