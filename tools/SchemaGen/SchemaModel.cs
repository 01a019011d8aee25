namespace Capture.Tools.SchemaGen;

/// <summary>The schema files parsed into plain records; both emitters read only this.</summary>
sealed record SchemaModel(
    string ApiVersion,
    string SchemaVersion,
    IReadOnlyList<NamedValue> ParamTypes,
    IReadOnlyList<NamedValue> PrintFormats,
    IReadOnlyList<NamedValue> Categories,
    IReadOnlyList<NamedValue> EventFlags,
    IReadOnlyList<EventRow> Events,
    IReadOnlyList<FlagTableRow> FlagTables,
    IReadOnlyList<SyscallRow> Syscalls,
    IReadOnlyList<DynamicTableRow> DynamicTables);

sealed record NamedValue(string Name, ulong Value, string? Size = null);

/// <summary>A system call code; Category is what sysdig 0.29.3's syscall table files it under (for generic events), when it knew the call.</summary>
sealed record SyscallRow(string Name, ulong Value, string? Category);

sealed record EventRow(
    int Id, char Direction, string Name, string EnumName,
    IReadOnlyList<string> Categories, IReadOnlyList<string> Flags,
    int? LegacyParamCount, IReadOnlyList<ParamRow> Params);

sealed record ParamRow(string Name, string Type, string Format, string? FlagTable);

sealed record FlagTableRow(string Name, IReadOnlyList<NamedValue> Entries);

/// <summary>A PT_DYN table; UsedBy lists the "eventId:param" pairs that select from it.</summary>
sealed record DynamicTableRow(string Name, IReadOnlyList<string> UsedBy, IReadOnlyList<ParamRow> Choices);
