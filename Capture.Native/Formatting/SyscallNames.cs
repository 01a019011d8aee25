using Capture.Native.Schema;

namespace Capture.Native.Formatting;

/// <summary>System-call names for PT_SYSCALLID values and generic events, as sysdig 0.29.3 prints them.</summary>
public static class SyscallNames
{
    const ushort Unknown = 0;
    const ushort RtSigreturn = 298;

    /// <summary>
    /// The name for a code, or null when the schema lacks it. Code 298 is rt_sigreturn in
    /// current libs; the 2022 tables sysdig 0.29.3 uses call the same code sigreturn. Code 0
    /// (PPM_SC_UNKNOWN, which --sysdig-2022 files carry for calls newer than that table) prints
    /// as sysdig prints it.
    /// </summary>
    public static string? Of(ushort code) => code switch
    {
        Unknown => "<unknown>",
        RtSigreturn => "sigreturn",
        _ => SyscallCodes.NameOf(code),
    };
}
