using System.Buffers.Binary;
using System.Text;
using Capture.Native.Schema;

namespace Capture.Native.Specs.Files;

/// <summary>
/// One event per fixture, checked against what sysdig 0.29.3 printed for it with
/// <c>sysdig -r FILE -p "%evt.num %evt.rawtime %thread.tid %evt.cpu %evt.type %evt.dir %evt.args"</c>
/// (run by hand once; the values are facts of the fixture).
/// </summary>
public class DecodedFixtureEventSpecs
{
    [Fact]
    public void Modern_capture_read_enter_matches_sysdig()
    {
        // 457 1690557263532858201 770 0 read > fd=5(<p>pipe:[22242]) size=16
        var ev = Require("libs-sample-2023.scap", 1690557263532858201);
        Assert.Equal((770ul, EventIds.PPME_SYSCALL_READ_E, (ushort)0), (ev.ThreadId, ev.Type, ev.Cpu));
        Assert.Equal(5, I64(ev.Params[0]));
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32LittleEndian(ev.Params[1]));
    }

    [Fact]
    public void Container_capture_open_exit_matches_sysdig()
    {
        // 2195 1562711472096032984 32052 0 open < fd=3(<f>/etc/ld.so.cache) name=/etc/ld.so.cache flags=4097(O_RDONLY|O_CLOEXEC) mode=0 dev=2D
        var ev = Require("falco-run_as_user_0_container.scap", 1562711472096032984);
        Assert.Equal((32052ul, EventIds.PPME_SYSCALL_OPEN_X, (ushort)0), (ev.ThreadId, ev.Type, ev.Cpu));
        Assert.Equal(3, I64(ev.Params[0]));
        Assert.Equal("/etc/ld.so.cache\0", Encoding.UTF8.GetString(ev.Params[1]));
        Assert.Equal(4097u, BinaryPrimitives.ReadUInt32LittleEndian(ev.Params[2]));
        Assert.Equal(0x2Du, BinaryPrimitives.ReadUInt32LittleEndian(ev.Params[4]));
    }

    [Theory]
    [InlineData("libs-curl_google.scap")]
    [InlineData("libs-curl_google_comments.scap")]
    public void Legacy_v1_brk_exit_is_upgraded_with_the_parameter_count_sysdig_finds(string fixture)
    {
        // 213 1534527348514649386 17497 0 brk < res=55DB0DE73000 vm_size=508 vm_rss=4 vm_swap=0
        var ev = Require(fixture, 1534527348514649386);
        Assert.Equal((17497ul, EventIds.PPME_SYSCALL_BRK_4_X, (ushort)0), (ev.ThreadId, ev.Type, ev.Cpu));
        Assert.Equal(4, ev.ParamCount);
        Assert.Equal(0x55DB0DE73000ul, BinaryPrimitives.ReadUInt64LittleEndian(ev.Params[0]));
        Assert.Equal(508u, BinaryPrimitives.ReadUInt32LittleEndian(ev.Params[1]));
        Assert.Equal(4u, BinaryPrimitives.ReadUInt32LittleEndian(ev.Params[2]));
    }

    [Fact]
    public void Ipv6_capture_socket_enter_matches_sysdig()
    {
        // 848 1533943853000931868 25886 1 socket > domain=10(AF_INET6) type=1 proto=6
        var ev = Require("libs-single_ipv6_conn.scap", 1533943853000931868);
        Assert.Equal((25886ul, EventIds.PPME_SOCKET_SOCKET_E, (ushort)1), (ev.ThreadId, ev.Type, ev.Cpu));
        Assert.Equal(10u, BinaryPrimitives.ReadUInt32LittleEndian(ev.Params[0]));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(ev.Params[1]));
        Assert.Equal(6u, BinaryPrimitives.ReadUInt32LittleEndian(ev.Params[2]));
    }

    static FixtureEvent Require(string fixture, ulong timestamp) =>
        FixtureEvent.At(fixture, timestamp) ?? throw new Xunit.Sdk.XunitException($"no event at {timestamp} in {fixture}");

    static long I64(byte[] value) => BinaryPrimitives.ReadInt64LittleEndian(value);
}
