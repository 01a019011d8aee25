namespace Capture.Native.Interop;

/// <summary>The kernel's enum bpf_map_type values this project creates itself.</summary>
internal enum BpfMapType : uint
{
    RingBuffer = 27,
}
