namespace Capture.Native.Abi;

/// <summary>Names and limits from driver/abi/capture_abi.h the loader finds the probe's parts by.</summary>
public static class ProbeAbiNames
{
    public const string SettingsSection = ".rodata.capture";
    public const string RingsMap = "capture_rings";
    public const string InterestMap = "capture_interest";
    public const string CountersMap = "capture_counters";
    public const string ScratchMap = "capture_scratch";
    public const string SysExitProgram = "capture_sys_exit";
    public const string SchedExitProgram = "capture_sched_exit";
    public const string SchedExecProgram = "capture_sched_exec";

    /// <summary>The programs attached, in attach order; the fillers are tail-called, never attached.</summary>
    public static readonly string[] AttachedPrograms = [SysExitProgram, SchedExitProgram, SchedExecProgram];

    /// <summary>
    /// The TOCTOU enter programs, one per syscall (program <c>capture_enter_SYSCALL</c> on the
    /// tracepoint <c>syscalls/sys_enter_SYSCALL</c>), attached after the required ones when
    /// tracefs allows; the capture goes on without any that cannot be.
    /// </summary>
    public static readonly string[] EnterEventSyscalls = ["connect", "creat", "open", "openat", "openat2"];

    public static string EnterProgram(string syscall) => $"capture_enter_{syscall}";

    public const int MaxEventSize = 64 * 1024;
    public const int SyscallTableSize = 512;
    /// <summary>The largest snap length the probe accepts (half the max event size).</summary>
    public const int MaxSnapLen = MaxEventSize / 2;
}
