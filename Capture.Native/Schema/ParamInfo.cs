namespace Capture.Native.Schema;

/// <summary>
/// One parameter of an event as the schema declares it. <see cref="Flags"/> names the table
/// used to print PT_FLAGS*, PT_ENUMFLAGS* and PT_MODE values; <see cref="Dynamic"/> the
/// table a PT_DYN value's index byte selects from.
/// </summary>
public sealed record ParamInfo(
    string Name,
    ParamType Type,
    PrintFormat Format,
    FlagTable? Flags,
    DynamicParamTable? Dynamic);
