using System.Buffers.Binary;
using System.Text;
using Capture.Native.Events;
using Capture.Native.Probe;

namespace Capture.Native.Specs.Probe;

/// <summary>
/// driver/testprog's "unix" mode talks over unix sockets under the real probe: a stream
/// server on a path, one on an abstract name, and a datagram sent to a bound path. The
/// tuples must carry what libs' probe carries: the two kernel socket pointers (the peer
/// first when sending, the socket itself first when receiving) and the server's name.
/// </summary>
public sealed class UnixTupleSpecs : IClassFixture<UnixTupleSpecs.Run>
{
    const string Traced = "connect accept sendto recvfrom";

    public sealed class Run : IDisposable
    {
        public Run()
        {
            if (ProbeAvailability.Missing is not null) return;
            Directory = System.IO.Directory.CreateTempSubdirectory("capture-unix-");
            using var probe = ModernProbe.Load(new ProbeSettings { Interest = NativeSyscalls.NumbersOf(Traced.Split(' ')) });
            using var captured = new CapturedEvents(probe);
            probe.Attach();
            Calls = TestProgram.Run(out var pid, "unix", Directory.FullName);
            Pid = pid;
            probe.Detach();
            Frames = captured.StopAndCollect();
        }

        public DirectoryInfo Directory { get; } = null!;
        public IReadOnlyList<KnownCall> Calls { get; } = [];
        public int Pid { get; }
        public IReadOnlyList<byte[]> Frames { get; } = [];

        public KnownCall Call(string name) => Calls.Single(c => c.Name == name);

        public string AbstractName => Calls.Single(c => c.Name == "abstract-name").Fields[1];

        /// <summary>The one event of this type from the test program inside the named call.</summary>
        public EventView Within(string enumName, string callName)
        {
            var call = Call(callName);
            var inside = Frames.Where(f => FrameReading.ThreadIdOf(f) == (ulong)Pid).Where(f =>
            {
                var view = FrameReading.View(f);
                return view.Info.EnumName == enumName && view.Timestamp >= call.Before && view.Timestamp <= call.After;
            }).ToList();
            Assert.True(inside.Count == 1, $"expected one {enumName} inside '{callName}', found {inside.Count}");
            return FrameReading.View(inside[0]);
        }

        public void Dispose() => Directory?.Delete(recursive: true);
    }

    readonly Run _run;

    public UnixTupleSpecs(Run run) => _run = run;

    /// <summary>A decoded unix PT_SOCKTUPLE: family 1, two pointers, the NUL-terminated name.</summary>
    sealed record UnixTuple(ulong First, ulong Second, string Name)
    {
        public static UnixTuple Of(ReadOnlySpan<byte> value)
        {
            Assert.True(value.Length >= 18, $"a unix tuple holds at least family, two pointers and a NUL; got {value.Length} bytes");
            Assert.Equal(1, value[0]); // PPM_AF_UNIX
            Assert.Equal(0, value[^1]); // the name is NUL-terminated and nothing follows it
            var name = value[17..^1];
            Assert.DoesNotContain((byte)0, name.ToArray());
            return new UnixTuple(BinaryPrimitives.ReadUInt64LittleEndian(value[1..]), BinaryPrimitives.ReadUInt64LittleEndian(value[9..]), Encoding.ASCII.GetString(name));
        }
    }

    string ServerName(string prefix) => prefix == "path" ? Path.Combine(_run.Directory.FullName, "stream.sock") : _run.AbstractName;

    UnixTuple Tuple(string enumName, string call, int param) => UnixTuple.Of(_run.Within(enumName, call).Param(param));

    [KernelTheory]
    [InlineData("path")]
    [InlineData("abstract")]
    public void Connect_and_accept_must_carry_the_same_pair_of_sockets_and_the_servers_name(string prefix)
    {
        var connect = _run.Within("PPME_SOCKET_CONNECT_X", $"{prefix}-connect");
        Assert.Equal(0, connect.Int64(0));
        var outbound = UnixTuple.Of(connect.Param(1));
        Assert.NotEqual(0UL, outbound.First);
        Assert.NotEqual(0UL, outbound.Second);
        Assert.NotEqual(outbound.First, outbound.Second);
        Assert.Equal(ServerName(prefix), outbound.Name);

        // the accepted socket is the client's peer, and the client is the accepted socket's
        var accept = _run.Within("PPME_SOCKET_ACCEPT_5_X", $"{prefix}-accept");
        Assert.Equal(_run.Call($"{prefix}-accept").Result, accept.Int64(0));
        Assert.Equal(outbound, UnixTuple.Of(accept.Param(1)));
    }

    [KernelTheory]
    [InlineData("path")]
    [InlineData("abstract")]
    public void Connect_must_carry_the_address_the_client_gave_with_an_abstract_name_losing_its_leading_nul(string prefix)
    {
        var address = _run.Within("PPME_SOCKET_CONNECT_X", $"{prefix}-connect").Param(3);
        Assert.Equal([1, .. Encoding.ASCII.GetBytes(ServerName(prefix)), 0], address.ToArray());
    }

    [KernelTheory]
    [InlineData("path")]
    [InlineData("abstract")]
    public void Client_to_server_data_must_carry_the_connections_pair_and_the_servers_name_on_both_sides(string prefix)
    {
        var connected = Tuple("PPME_SOCKET_CONNECT_X", $"{prefix}-connect", 1);
        // sent: peer (the accepted socket) first; received: the accepted socket itself first
        Assert.Equal(connected, Tuple("PPME_SOCKET_SENDTO_X", $"{prefix}-client-sendto", 4));
        Assert.Equal(connected, Tuple("PPME_SOCKET_RECVFROM_X", $"{prefix}-server-recvfrom", 2));
    }

    [KernelTheory]
    [InlineData("path")]
    [InlineData("abstract")]
    public void Server_to_client_data_must_carry_the_reversed_pair_and_the_unbound_clients_empty_name(string prefix)
    {
        var connected = Tuple("PPME_SOCKET_CONNECT_X", $"{prefix}-connect", 1);
        var reversed = new UnixTuple(connected.Second, connected.First, "");
        Assert.Equal(reversed, Tuple("PPME_SOCKET_SENDTO_X", $"{prefix}-server-sendto", 4));
        Assert.Equal(reversed, Tuple("PPME_SOCKET_RECVFROM_X", $"{prefix}-client-recvfrom", 2));
    }

    [KernelFact]
    public void A_datagram_to_a_bound_path_must_name_the_destination_on_both_sides_with_no_peer()
    {
        var path = Path.Combine(_run.Directory.FullName, "dgram.sock");
        var sent = Tuple("PPME_SOCKET_SENDTO_X", "dgram-sendto", 4);
        Assert.Equal(0UL, sent.First); // unconnected: no peer, the name comes from the user's address
        Assert.NotEqual(0UL, sent.Second);
        Assert.Equal(path, sent.Name);

        var received = Tuple("PPME_SOCKET_RECVFROM_X", "dgram-recvfrom", 2);
        Assert.NotEqual(0UL, received.First);
        Assert.NotEqual(sent.Second, received.First);
        Assert.Equal(0UL, received.Second);
        Assert.Equal(path, received.Name);
    }
}
