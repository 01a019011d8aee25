namespace Capture.Native.Schema;

/// <summary>What a PT_DYN value's leading index byte selects: the type and format of the rest.</summary>
public readonly record struct DynamicParamChoice(ParamType Type, PrintFormat Format);

public sealed class DynamicParamTable(string name, DynamicParamChoice[] choices)
{
    public string Name { get; } = name;

    public ReadOnlySpan<DynamicParamChoice> Choices => choices;
}

public static partial class DynamicParamTables;
