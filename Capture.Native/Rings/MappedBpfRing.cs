using Capture.Native.Interop;
using Capture.Native.SafeHandles;

namespace Capture.Native.Rings;

/// <summary>
/// One kernel BPF ring buffer mapped into our address space, with its consumer.
///
/// The kernel exposes a ring fd as: page 0, the consumer position (we may write it);
/// page 1, the producer position; then the data pages. It lets the data be mapped twice in
/// a row (offset page + size maps the first data page again), so we map producer page and
/// 2 × size of data read-only in one go: a record that wraps the end of the ring then
/// reads as one contiguous span.
/// </summary>
public sealed unsafe class MappedBpfRing : IDisposable
{
    readonly SafeMemoryMappingHandle _consumerPage;
    readonly SafeMemoryMappingHandle _producerAndData;

    internal MappedBpfRing(int index, int fd, ulong size)
    {
        Index = index;
        var page = (nuint)Environment.SystemPageSize;
        _consumerPage = SafeMemoryMappingHandle.Map(fd, 0, page, writable: true, $"ring {index} consumer page");
        try
        {
            _producerAndData = SafeMemoryMappingHandle.Map(fd, (long)page, page + 2 * (nuint)size, writable: false, $"ring {index} data");
        }
        catch
        {
            _consumerPage.Dispose();
            throw;
        }
        var memory = new RingMemory(
            (ulong*)_consumerPage.Pointer,
            (ulong*)_producerAndData.Pointer,
            _producerAndData.Pointer + page,
            size);
        Consumer = new BpfRingConsumer(memory);
    }

    public int Index { get; }
    public BpfRingConsumer Consumer { get; }

    public void Dispose()
    {
        _producerAndData.Dispose();
        _consumerPage.Dispose();
    }
}
