using System.Runtime.InteropServices;

namespace Capture.Host.Output;

/// <summary>
/// The command's stdout, written with write(2) so that a reader going away is noticed.
/// .NET's own console stream drops writes that fail with EPIPE without a word, so
/// `capture -j | head -1` went on tracing the whole machine into nothing. Here the first
/// EPIPE cancels <see cref="ReaderGone"/> (the command stops the capture as it would for
/// Ctrl-C, and ends with <see cref="ReaderGoneExitCode"/>); later writes are dropped, since
/// nobody reads them. Writing at the descriptor's own offset (never pwrite) keeps `capture >> log`
/// and `{ capture; echo; } > f` appending where the shell expects.
/// </summary>
public sealed partial class StandardOutput : Stream
{
    const int StdoutFd = 1;
    const int EINTR = 4;
    const int EAGAIN = 11;
    const int EPIPE = 32;

    /// <summary>
    /// What a shell reports for sysdig, and for any tool a closed pipe ends (128 + SIGPIPE):
    /// `sysdig -r f | head -1` leaves 141 in PIPESTATUS, and so does capture.
    /// </summary>
    public const int ReaderGoneExitCode = 141;

    readonly CancellationTokenSource _readerGone = new();

    /// <summary>Cancelled when the reader of stdout has gone (a write failed with EPIPE).</summary>
    public CancellationToken ReaderGone => _readerGone.Token;

    public bool Closed => _readerGone.IsCancellationRequested;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty && !Closed)
        {
            var written = WriteTo(StdoutFd, buffer, buffer.Length);
            if (written >= 0)
            {
                buffer = buffer[(int)written..];
                continue;
            }
            var errno = Marshal.GetLastPInvokeError();
            if (errno == EINTR) continue;
            // stdout left non-blocking by whoever started us: wait for room instead of losing lines.
            if (errno == EAGAIN)
            {
                Thread.Sleep(1);
                continue;
            }
            if (errno == EPIPE)
            {
                _readerGone.Cancel();
                return;
            }
            throw new IOException($"cannot write to stdout: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _readerGone.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint WriteTo(int fd, ReadOnlySpan<byte> buffer, nint count);
}
