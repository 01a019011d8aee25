using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Capture.Native.Abi;
using Capture.Native.Kmod;

namespace Capture.Native.Specs.Abi;

/// <summary>
/// driver/abi/capture_kmod_abi.h is the contract between the kernel module and us; this
/// compiles it with the C compiler and checks that the C# mirror states the same layouts,
/// ioctl numbers, names and versions.
/// </summary>
public sealed class KmodAbiSpecs
{

    [Fact]
    public void CSharp_mirrors_must_match_the_C_layouts_field_by_field()
    {
        var fromC = Dump("""
            #define FIELD(s, f) printf(#s " " #f " %zu %zu\n", offsetof(struct s, f), sizeof(((struct s *)0)->f));
            #define SIZE(s) printf(#s " size %zu\n", sizeof(struct s));
            SIZE(capture_kmod_record) FIELD(capture_kmod_record, len) FIELD(capture_kmod_record, kind)
            SIZE(capture_kmod_producer) FIELD(capture_kmod_producer, pos) FIELD(capture_kmod_producer, data_size)
            SIZE(capture_kmod_ring_info) FIELD(capture_kmod_ring_info, cpu) FIELD(capture_kmod_ring_info, page_size) FIELD(capture_kmod_ring_info, data_size)
            SIZE(capture_kmod_syscall_set)
            SIZE(capture_kmod_consumer)
            """);

        var fromCSharp = new List<string>();
        void Mirror<T>(string c, int declaredSize, params (string C, string CSharp)[] fields) where T : struct
        {
            Assert.Equal(Marshal.SizeOf<T>(), declaredSize);
            fromCSharp.Add($"{c} size {declaredSize}");
            foreach (var (cName, csName) in fields)
                fromCSharp.Add($"{c} {cName} {Marshal.OffsetOf<T>(csName)} {Marshal.SizeOf(typeof(T).GetField(csName)!.FieldType)}");
        }
        Mirror<KmodRecordHeader>("capture_kmod_record", KmodRecordHeader.Size, ("len", "Length"), ("kind", "Kind"));
        Mirror<KmodProducerPage>("capture_kmod_producer", KmodProducerPage.Size, ("pos", "Position"), ("data_size", "DataSize"));
        Mirror<KmodRingInfo>("capture_kmod_ring_info", KmodRingInfo.Size, ("cpu", "Cpu"), ("page_size", "PageSize"), ("data_size", "DataSize"));
        Assert.Equal(KmodSyscallSet.Size, Unsafe.SizeOf<KmodSyscallSet>());
        fromCSharp.Add($"capture_kmod_syscall_set size {KmodSyscallSet.Size}");
        fromCSharp.Add($"capture_kmod_consumer size {sizeof(ulong)}"); // page 0: the one u64 we write

        Assert.Equal(fromCSharp, fromC);
    }

    [Fact]
    public void Ioctl_numbers_must_be_the_C_macros_values()
    {
        var fromC = Dump("""
            printf("%u %u %u %u %u %u %u %u %u %u\n", (unsigned)CAPTURE_KMOD_IOCTL_API_VERSION, (unsigned)CAPTURE_KMOD_IOCTL_SCHEMA_VERSION,
                (unsigned)CAPTURE_KMOD_IOCTL_START, (unsigned)CAPTURE_KMOD_IOCTL_STOP, (unsigned)CAPTURE_KMOD_IOCTL_SET_SNAPLEN,
                (unsigned)CAPTURE_KMOD_IOCTL_SET_DROP_FAILED, (unsigned)CAPTURE_KMOD_IOCTL_SET_INTEREST, (unsigned)CAPTURE_KMOD_IOCTL_GET_SUPPORTED,
                (unsigned)CAPTURE_KMOD_IOCTL_GET_COUNTERS, (unsigned)CAPTURE_KMOD_IOCTL_RING_INFO);
            """);
        uint[] ours = [KmodIoctlNumbers.ApiVersion, KmodIoctlNumbers.SchemaVersion, KmodIoctlNumbers.Start, KmodIoctlNumbers.Stop,
            KmodIoctlNumbers.SetSnapLen, KmodIoctlNumbers.SetDropFailed, KmodIoctlNumbers.SetInterest, KmodIoctlNumbers.GetSupported,
            KmodIoctlNumbers.GetCounters, KmodIoctlNumbers.RingInfo];
        Assert.Equal([string.Join(' ', ours)], fromC);
    }

    [Fact]
    public void Names_versions_pages_and_record_rules_must_be_the_C_ones()
    {
        var fromC = Dump("""
            printf("%s\n%s\n%llu\n%d %d %d\n%d %d %d\n%llu %llu %llu\n", CAPTURE_KMOD_DEVICE_PREFIX, CAPTURE_KMOD_MODULE_NAME,
                (unsigned long long)CAPTURE_KMOD_API_VERSION, CAPTURE_KMOD_CONSUMER_PAGE, CAPTURE_KMOD_PRODUCER_PAGE, CAPTURE_KMOD_DATA_PAGE,
                CAPTURE_KMOD_RECORD_EVENT, CAPTURE_KMOD_RECORD_PAD, CAPTURE_KMOD_RECORD_ALIGN,
                (unsigned long long)CAPTURE_KMOD_RECORD_SIZE(0), (unsigned long long)CAPTURE_KMOD_RECORD_SIZE(26), (unsigned long long)CAPTURE_KMOD_RECORD_SIZE(32));
            """);
        var api = KmodAbi.ApiVersion;
        Assert.Equal(
            [KmodAbi.DevicePrefix, KmodAbi.ModuleName, ((ulong)api.Major << 44 | (ulong)api.Minor << 24 | api.Patch).ToString(),
             $"{KmodAbi.ConsumerPage} {KmodAbi.ProducerPage} {KmodAbi.DataPage}",
             $"{KmodAbi.RecordEvent} {KmodAbi.RecordPad} {KmodAbi.RecordAlign}",
             $"{KmodAbi.RecordSize(0)} {KmodAbi.RecordSize(26)} {KmodAbi.RecordSize(32)}"],
            fromC);
    }

    [Fact]
    public void Counters_the_module_returns_must_be_the_probes_layout()
    {
        // GET_COUNTERS fills struct capture_counters (capture_abi.h), mirrored by ProbeCounters.
        Assert.Equal(["72"], Dump("printf(\"%zu\\n\", sizeof(struct capture_counters));"));
        Assert.Equal(72, ProbeCounters.Size);
    }

    static List<string> Dump(string body) => AbiHeaderDump.Lines(["capture_abi.h", "capture_kmod_abi.h"], body);
}
