namespace Capture.Plugins;

/// <summary>Where in the graph a plugin stage runs.</summary>
public enum ExtensionPointKind
{
    /// <summary>On each ring's batches as the readers hand them over, before the merge: batches of one ring, in that ring's order.</summary>
    AfterDecode,
    /// <summary>On the merged stream, in timestamp order, before the fan-out to every sink.</summary>
    AfterMerge,
    /// <summary>On the merged stream as one sink receives it, on that sink's thread; the other sinks are unaffected.</summary>
    BeforeSink,
}

/// <summary>A named place for a stage: <see cref="AfterDecode"/>, <see cref="AfterMerge"/> or <see cref="BeforeSink"/>.</summary>
public readonly record struct ExtensionPoint(ExtensionPointKind Kind, string? Sink = null)
{
    public static ExtensionPoint AfterDecode => new(ExtensionPointKind.AfterDecode);

    public static ExtensionPoint AfterMerge => new(ExtensionPointKind.AfterMerge);

    /// <summary>Before the sink named <paramref name="sink"/> (a plugin's sink is named <c>&lt;plugin&gt;/&lt;sink name&gt;</c>).</summary>
    public static ExtensionPoint BeforeSink(string sink) => new(ExtensionPointKind.BeforeSink, sink);

    public override string ToString() => Kind switch
    {
        ExtensionPointKind.AfterDecode => "after-decode",
        ExtensionPointKind.AfterMerge => "after-merge",
        _ => $"before-sink {Sink}",
    };
}
