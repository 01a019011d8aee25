namespace Capture.Native.Rings;

/// <summary>
/// Where the three parts of a BPF ring buffer live: the consumer position (we write it),
/// the producer position (the kernel writes it) and the data area of <see cref="Size"/>
/// bytes, which must be readable for 2 × Size bytes with the second half mirroring the
/// first. The kernel's mapping gives that for free (see <see cref="MappedBpfRing"/>); a
/// spec gives it by writing every byte twice.
/// </summary>
public readonly unsafe struct RingMemory(ulong* consumerPosition, ulong* producerPosition, byte* data, ulong size)
{
    public ulong* ConsumerPosition { get; } = consumerPosition;
    public ulong* ProducerPosition { get; } = producerPosition;
    public byte* Data { get; } = data;
    public ulong Size { get; } = size;
}
