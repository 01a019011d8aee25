using System.Buffers.Binary;
using System.Net;
using Capture.Native.Files;
using Capture.Native.Processes;

namespace Capture.Native.Specs.Files;

/// <summary>
/// The machine's addresses from a capture's interface list, which decide the local end of a
/// connection (fd.lip, fd.is_server). The addresses named are the ones sysdig -r takes for
/// local on these fixtures (its fd.lip and fd.is_server).
/// </summary>
public class InterfaceListSpecs
{
    [Theory]
    [InlineData("falco-run_as_user_0_container.scap", "10.0.2.15", true)]
    [InlineData("falco-run_as_user_0_container.scap", "10.0.2.2", false)]
    [InlineData("libs-curl_google.scap", "2600:1f18:262c:6542:9aa6:df7a:9a47:d29e", true)]
    [InlineData("libs-curl_google.scap", "2600:1f18:262c:6542::1", true)] // the same /64
    [InlineData("libs-curl_google.scap", "2607:f8b0:4004:802::2004", false)]
    [InlineData("libs-single_ipv6_conn.scap", "2001:db8::3", true)]
    [InlineData("libs-single_ipv6_conn.scap", "::", true)] // in ::1's /64: an unconnected IPv6 socket counts as a server's
    public void A_fixtures_interface_list_says_which_addresses_are_the_machines(string fixture, string address, bool local)
    {
        using var reader = ScapFileReader.Open(RepoPaths.Fixture(fixture));
        var addresses = InterfaceListParser.Read(reader.MetadataBlocks, reader.Path);
        var bytes = IPAddress.Parse(address).GetAddressBytes();
        Assert.Equal(local, bytes.Length == 4 ? addresses.IsLocalIpv4(bytes) : addresses.IsLocalIpv6(bytes));
    }

    [Fact]
    public void A_damaged_entry_ends_its_block_and_keeps_the_entries_before_it()
    {
        var body = new List<byte>();
        // An IPv4 entry without link speed: type 3, name length 2, address, netmask, broadcast, "lo".
        body.AddRange(U16(3));
        body.AddRange(U16(2));
        body.AddRange([127, 0, 0, 1, 255, 0, 0, 0, 127, 255, 255, 255]);
        body.AddRange("lo"u8.ToArray());
        // An IPv6 entry cut short after its type and name length.
        body.AddRange(U16(2));
        body.AddRange(U16(4));
        body.AddRange([0x20, 0x01, 0x0d, 0xb8]);
        while (body.Count % 4 != 0) body.Add(0);
        var block = new byte[8 + body.Count + 4];
        BinaryPrimitives.WriteUInt32LittleEndian(block, BlockType.InterfaceList);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(4), (uint)block.Length);
        body.CopyTo(block, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(block.Length - 4), (uint)block.Length);

        var addresses = InterfaceListParser.Read([new MetadataBlock(BlockType.InterfaceList, 0, block)], "made.scap");
        Assert.Equal(1, addresses.Count);
        Assert.True(addresses.IsLocalIpv4([127, 0, 0, 1]));
    }

    [Fact]
    public void The_live_machine_has_its_loopback_address()
    {
        var addresses = MachineAddresses.Read();
        Assert.True(addresses.IsLocalIpv4([127, 0, 0, 1]));
        Assert.False(addresses.IsLocalIpv4([192, 0, 2, 1])); // TEST-NET-1, documentation only
    }

    static byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return bytes;
    }
}
