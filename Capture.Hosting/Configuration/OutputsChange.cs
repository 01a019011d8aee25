namespace Capture.Hosting.Configuration;

/// <summary>
/// How a service's outputs differ between two configurations. A change of filters alone (the
/// service's `Capture:Filter` or an output's own) is taken by the running outputs between two
/// batches: nothing is reopened and no event is missed. Anything else (an output added,
/// removed, moved, or given another kind, path, gzip or format) needs outputs opened or closed,
/// which the pipeline's fixed fan-out takes only when it is built: the pipeline restarts, and
/// the outputs that stay as they were are carried over to it open.
/// </summary>
public sealed class OutputsChange
{
    OutputsChange(bool isEmpty, bool filtersOnly)
    {
        IsEmpty = isEmpty;
        FiltersOnly = filtersOnly;
    }

    public bool IsEmpty { get; }

    /// <summary>Only filters differ: every output stays, in its place.</summary>
    public bool FiltersOnly { get; }

    public static OutputsChange Between(CaptureOptions before, CaptureOptions after)
    {
        var same = before.Filter == after.Filter && before.Outputs.SequenceEqual(after.Outputs);
        var filtersOnly = before.Outputs.Count == after.Outputs.Count
            && before.Outputs.Zip(after.Outputs).All(pair => pair.First.SameButFilter(pair.Second));
        return new OutputsChange(same, !same && filtersOnly);
    }
}
