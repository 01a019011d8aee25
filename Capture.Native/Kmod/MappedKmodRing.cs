using Capture.Native.SafeHandles;

namespace Capture.Native.Kmod;

/// <summary>
/// One CPU's module ring mapped into our address space, with its consumer. The module refuses
/// a writable mapping of anything but page 0, so it takes two mmaps: page 0 (our position)
/// read-write, then the producer page and the data read-only. No double mapping: records
/// never wrap (the module writes a PAD record to the end and starts again at 0).
/// </summary>
public sealed unsafe class MappedKmodRing : IDisposable
{
    readonly SafeMemoryMappingHandle _consumerPage;
    readonly SafeMemoryMappingHandle _producerAndData;

    internal MappedKmodRing(int cpu, int fd, string device, uint pageSize, ulong dataSize)
    {
        Cpu = cpu;
        _consumerPage = SafeMemoryMappingHandle.Map(fd, KmodAbi.ConsumerPage * (long)pageSize, pageSize, writable: true, $"{device} consumer page");
        try
        {
            _producerAndData = SafeMemoryMappingHandle.Map(fd, KmodAbi.ProducerPage * (long)pageSize, pageSize + (nuint)dataSize, writable: false, $"{device} producer page and data");
        }
        catch
        {
            _consumerPage.Dispose();
            throw;
        }
        var producer = (KmodProducerPage*)_producerAndData.Pointer;
        if (producer->DataSize != dataSize)
        {
            Dispose();
            throw new InvalidDataException($"{device}: the producer page says the data area has {producer->DataSize} bytes, RING_INFO said {dataSize}");
        }
        Consumer = new KmodRingConsumer(new KmodRingMemory((ulong*)_consumerPage.Pointer, producer, _producerAndData.Pointer + pageSize, dataSize));
    }

    public int Cpu { get; }
    public KmodRingConsumer Consumer { get; }

    public void Dispose()
    {
        _producerAndData.Dispose();
        _consumerPage.Dispose();
    }
}
