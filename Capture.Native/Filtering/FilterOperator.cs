namespace Capture.Native.Filtering;

enum FilterOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Contains,
    ContainsIgnoringCase,
    StartsWith,
    EndsWith,
    In,
    Exists,
}

static class FilterOperators
{
    public static FilterOperator? Parse(string text) => text switch
    {
        "=" or "==" => FilterOperator.Equal,
        "!=" => FilterOperator.NotEqual,
        "<" => FilterOperator.Less,
        "<=" => FilterOperator.LessOrEqual,
        ">" => FilterOperator.Greater,
        ">=" => FilterOperator.GreaterOrEqual,
        "contains" => FilterOperator.Contains,
        "icontains" => FilterOperator.ContainsIgnoringCase,
        "startswith" => FilterOperator.StartsWith,
        "endswith" => FilterOperator.EndsWith,
        "in" => FilterOperator.In,
        "exists" => FilterOperator.Exists,
        _ => null,
    };

    public static bool IsOrdering(this FilterOperator op) =>
        op is FilterOperator.Less or FilterOperator.LessOrEqual or FilterOperator.Greater or FilterOperator.GreaterOrEqual;

    public static bool IsTextOnly(this FilterOperator op) =>
        op is FilterOperator.Contains or FilterOperator.ContainsIgnoringCase or FilterOperator.StartsWith or FilterOperator.EndsWith;
}
