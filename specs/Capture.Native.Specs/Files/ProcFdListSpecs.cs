using Capture.Native.Files;
using Capture.Native.Processes;

namespace Capture.Native.Specs.Files;

public sealed class ProcFdListSpecs
{
    [Fact]
    public void The_fd_list_of_a_live_process_names_its_open_files_and_directories_and_leaves_out_sockets()
    {
        var path = Path.GetTempFileName();
        try
        {
            using var file = File.OpenRead(path);
            using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
            var records = ProcFdList.Of(Environment.ProcessId);
            var opened = Assert.Single(records, r => r.Fd == (long)file.SafeFileHandle.DangerousGetHandle());
            Assert.Equal(FdKind.File, opened.Type);
            Assert.Equal(path, opened.Name);
            Assert.DoesNotContain(records, r => r.Fd == (long)socket.Handle);
            Assert.All(records, r => Assert.Equal(Environment.ProcessId, r.Tid));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_process_that_is_gone_has_an_empty_fd_list()
    {
        Assert.Empty(ProcFdList.Of(int.MaxValue));
    }
}
