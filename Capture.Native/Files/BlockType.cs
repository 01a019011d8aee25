namespace Capture.Native.Files;

/// <summary>
/// The block types of a scap capture file. Each older layout keeps its own number, and the
/// <c>*Int</c> numbers are the unofficial ones used before libscap's first release; readers
/// still meet them in old captures.
/// </summary>
public static class BlockType
{
    public const uint SectionHeader = 0x0A0D0D0A;
    public const uint MachineInfo = 0x201;
    public const uint MachineInfoInt = 0x8002ABCD;

    public const uint ProcessListV1 = 0x202;
    public const uint ProcessListV1Int = 0x8000ABCD;
    public const uint ProcessListV2 = 0x207;
    public const uint ProcessListV2Int = 0x8013ABCD;
    public const uint ProcessListV3 = 0x209;
    public const uint ProcessListV3Int = 0x8014ABCD;
    public const uint ProcessListV4 = 0x210;
    public const uint ProcessListV5 = 0x211;
    public const uint ProcessListV6 = 0x212;
    public const uint ProcessListV7 = 0x213;
    public const uint ProcessListV8 = 0x214;
    /// <summary>The newest process list; its entries each start with their own length.</summary>
    public const uint ProcessListV9 = 0x215;

    public const uint FdList = 0x203;
    public const uint FdListInt = 0x8001ABCD;
    /// <summary>The fd list whose entries each start with their own length.</summary>
    public const uint FdListV2 = 0x218;

    public const uint Event = 0x204;
    public const uint EventInt = 0x8010ABCD;
    public const uint EventV2 = 0x216;
    public const uint EventV2Large = 0x221;
    public const uint EventWithFlags = 0x208;
    public const uint EventWithFlagsV2 = 0x217;
    public const uint EventWithFlagsV2Large = 0x222;

    public const uint InterfaceList = 0x205;
    public const uint InterfaceListInt = 0x8011ABCD;
    public const uint InterfaceListV2 = 0x219;

    public const uint UserList = 0x206;
    public const uint UserListInt = 0x8012ABCD;
    public const uint UserListV2 = 0x220;

    /// <summary>Which version of the process list a block type is, 0 when it is none.</summary>
    public static int ProcessListVersion(uint type) => type switch
    {
        ProcessListV1 or ProcessListV1Int => 1,
        ProcessListV2 or ProcessListV2Int => 2,
        ProcessListV3 or ProcessListV3Int => 3,
        ProcessListV4 => 4,
        ProcessListV5 => 5,
        ProcessListV6 => 6,
        ProcessListV7 => 7,
        ProcessListV8 => 8,
        ProcessListV9 => 9,
        _ => 0,
    };

    /// <summary>What a block of this type holds, for problems that name it: "user list (0x220)".</summary>
    public static string Describe(uint type)
    {
        var kind = type switch
        {
            SectionHeader => "section header",
            _ when IsMachineInfo(type) => "machine info",
            _ when ProcessListVersion(type) > 0 => "process list",
            _ when IsFdList(type) => "fd list",
            _ when IsInterfaceList(type) => "interface list",
            _ when IsUserList(type) => "user list",
            _ when IsEvent(type) => "event",
            _ => "unknown",
        };
        return $"{kind} block (type 0x{type:X})";
    }

    public static bool IsFdList(uint type) => type is FdList or FdListInt or FdListV2;

    public static bool IsMachineInfo(uint type) => type is MachineInfo or MachineInfoInt;

    public static bool IsInterfaceList(uint type) => type is InterfaceList or InterfaceListInt or InterfaceListV2;

    public static bool IsUserList(uint type) => type is UserList or UserListInt or UserListV2;

    public static bool IsEvent(uint type) => type is Event or EventInt or EventV2 or EventV2Large
        or EventWithFlags or EventWithFlagsV2 or EventWithFlagsV2Large;

    /// <summary>v1 event blocks hold the 22-byte header without nparams.</summary>
    public static bool IsLegacyEvent(uint type) => type is Event or EventInt or EventWithFlags;

    public static bool HasEventFlags(uint type) => type is EventWithFlags or EventWithFlagsV2 or EventWithFlagsV2Large;
}
