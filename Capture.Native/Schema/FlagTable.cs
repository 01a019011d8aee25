namespace Capture.Native.Schema;

/// <summary>One named value of a flag or enum table.</summary>
public readonly record struct FlagEntry(string Name, uint Value);

/// <summary>
/// A table of names for a flag or enum parameter, in the order libs lists them: order
/// matters, because bit flags are matched and cleared one entry at a time.
/// </summary>
public sealed class FlagTable(string name, FlagEntry[] entries)
{
    public string Name { get; } = name;

    public ReadOnlySpan<FlagEntry> Entries => entries;
}

public static partial class FlagTables
{
    private static partial FlagTable[] Generated();

    public static ReadOnlySpan<FlagTable> All => AllTables.Value;

    // A nested holder, because the generated table fields live in another part of this
    // class and the order of static initialisers across partial files is not defined.
    static class AllTables
    {
        internal static readonly FlagTable[] Value = Generated();
    }
}
