using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

/// <summary>A libbpf or kernel call failed; carries the call and the errno it reported.</summary>
public sealed class BpfCallFailedException(string call, int errno)
    : Exception($"{call} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})")
{
    public string Call { get; } = call;
    public int Errno { get; } = errno;
}
