namespace Capture.Native.Filtering;

/// <summary>One node of a parsed filter.</summary>
abstract class FilterNode
{
    public abstract bool Matches(ref EventFields fields);
}

sealed class AndNode(FilterNode left, FilterNode right) : FilterNode
{
    public override bool Matches(ref EventFields fields) => left.Matches(ref fields) && right.Matches(ref fields);
}

sealed class OrNode(FilterNode left, FilterNode right) : FilterNode
{
    public override bool Matches(ref EventFields fields) => left.Matches(ref fields) || right.Matches(ref fields);
}

sealed class NotNode(FilterNode inner) : FilterNode
{
    public override bool Matches(ref EventFields fields) => !inner.Matches(ref fields);
}
