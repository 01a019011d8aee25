namespace Capture.Native.Kmod;

/// <summary>
/// Where the parts of a module ring live: the consumer position (page 0, we write it), the
/// producer page (the module writes it) and the data area of <see cref="Size"/> bytes. Unlike
/// a BPF ring no double mapping is needed: records never wrap, the module pads instead. A
/// mapping (<see cref="MappedKmodRing"/>) and a byte array in a spec give the same view.
/// </summary>
public readonly unsafe struct KmodRingMemory(ulong* consumerPosition, KmodProducerPage* producer, byte* data, ulong size)
{
    public ulong* ConsumerPosition { get; } = consumerPosition;
    public KmodProducerPage* Producer { get; } = producer;
    public byte* Data { get; } = data;
    public ulong Size { get; } = size;
}
