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
    /// <summary>
    /// libsinsp's set operator: true when any of the field's values is in the list. Every field
    /// here has one value (proc.aname tests its ancestors one at a time), so it selects what
    /// <see cref="In"/> selects, as libsinsp's does on such fields.
    /// </summary>
    Intersects,
    Exists,
    /// <summary>Shell wildcards over the whole value: * ? [a-z] [!a-z] (fnmatch without flags: * crosses '/').</summary>
    Glob,
    /// <summary>A path list: true when the value is one of the paths or lies under one.</summary>
    PathMatch,
    /// <summary>The value's bytes contain the bytes a hex string gives (bcontains 2f657463).</summary>
    BytesContain,
    BytesStartWith,
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
        "intersects" => FilterOperator.Intersects,
        "exists" => FilterOperator.Exists,
        "glob" => FilterOperator.Glob,
        "pmatch" => FilterOperator.PathMatch,
        "bcontains" => FilterOperator.BytesContain,
        "bstartswith" => FilterOperator.BytesStartWith,
        _ => null,
    };

    public static bool IsOrdering(this FilterOperator op) =>
        op is FilterOperator.Less or FilterOperator.LessOrEqual or FilterOperator.Greater or FilterOperator.GreaterOrEqual;

    public static bool IsTextOnly(this FilterOperator op) =>
        op is FilterOperator.Contains or FilterOperator.ContainsIgnoringCase or FilterOperator.StartsWith or FilterOperator.EndsWith
            or FilterOperator.Glob or FilterOperator.PathMatch or FilterOperator.BytesContain or FilterOperator.BytesStartWith;

    /// <summary>Operators whose values come as a parenthesized list.</summary>
    public static bool TakesList(this FilterOperator op) => op.IsMembership() || op is FilterOperator.PathMatch;

    /// <summary>in and intersects: the value equals one of a list.</summary>
    public static bool IsMembership(this FilterOperator op) => op is FilterOperator.In or FilterOperator.Intersects;

    /// <summary>Operators whose value is hex text standing for bytes.</summary>
    public static bool TakesBytes(this FilterOperator op) => op is FilterOperator.BytesContain or FilterOperator.BytesStartWith;

    public static string Text(this FilterOperator op) => op switch
    {
        FilterOperator.Contains => "contains",
        FilterOperator.ContainsIgnoringCase => "icontains",
        FilterOperator.StartsWith => "startswith",
        FilterOperator.EndsWith => "endswith",
        FilterOperator.Glob => "glob",
        FilterOperator.PathMatch => "pmatch",
        FilterOperator.BytesContain => "bcontains",
        FilterOperator.BytesStartWith => "bstartswith",
        FilterOperator.In => "in",
        FilterOperator.Intersects => "intersects",
        FilterOperator.Exists => "exists",
        FilterOperator.Less => "<",
        FilterOperator.LessOrEqual => "<=",
        FilterOperator.Greater => ">",
        FilterOperator.GreaterOrEqual => ">=",
        FilterOperator.NotEqual => "!=",
        _ => "=",
    };
}
