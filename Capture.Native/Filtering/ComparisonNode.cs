using System.Text;

namespace Capture.Native.Filtering;

/// <summary>
/// field op value(s). Values are converted once, when the filter is parsed: to numbers for
/// number and boolean fields, to UTF-8 for text fields, so matching compares without
/// allocating.
/// </summary>
sealed class ComparisonNode : FilterNode
{
    readonly FilterField _field;
    readonly FilterOperator _op;
    readonly long[] _numbers;
    readonly byte[][] _texts;

    public ComparisonNode(FilterField field, FilterOperator op, IReadOnlyList<FilterToken> values)
    {
        _field = field;
        _op = op;
        if (field.Kind != FieldKind.Text && op.IsTextOnly())
            throw new FilterException($"{field.Name} is a {Describe(field.Kind)}; '{OperatorText(op)}' compares text", values[0].Start + 1);
        if (field.Kind != FieldKind.Number && op.IsOrdering())
            throw new FilterException($"{field.Name} is {(field.Kind == FieldKind.Text ? "text" : "true or false")}; '{OperatorText(op)}' compares numbers", values.Count > 0 ? values[0].Start + 1 : 1);
        _numbers = field.Kind == FieldKind.Text ? [] : values.Select(v => Number(field, v)).ToArray();
        _texts = field.Kind == FieldKind.Text ? values.Select(v => Encoding.UTF8.GetBytes(v.Text)).ToArray() : [];
    }

    public override bool Matches(ref EventFields fields)
    {
        if (_field.Kind == FieldKind.Text)
        {
            if (!fields.TryText(_field, out var text)) return false;
            return _op switch
            {
                FilterOperator.Exists => true,
                FilterOperator.Equal => text.SequenceEqual(_texts[0]),
                FilterOperator.NotEqual => !text.SequenceEqual(_texts[0]),
                FilterOperator.Contains => text.IndexOf(_texts[0]) >= 0,
                FilterOperator.ContainsIgnoringCase => AsciiIgnoringCase.Contains(text, _texts[0]),
                FilterOperator.StartsWith => text.StartsWith(_texts[0]),
                FilterOperator.EndsWith => text.EndsWith(_texts[0]),
                FilterOperator.In => AnyEqual(text),
                _ => false,
            };
        }
        if (!fields.TryNumber(_field, out var number)) return false;
        return _op switch
        {
            FilterOperator.Exists => true,
            FilterOperator.Equal => number == _numbers[0],
            FilterOperator.NotEqual => number != _numbers[0],
            FilterOperator.Less => number < _numbers[0],
            FilterOperator.LessOrEqual => number <= _numbers[0],
            FilterOperator.Greater => number > _numbers[0],
            FilterOperator.GreaterOrEqual => number >= _numbers[0],
            FilterOperator.In => Array.IndexOf(_numbers, number) >= 0,
            _ => false,
        };
    }

    bool AnyEqual(ReadOnlySpan<byte> text)
    {
        foreach (var candidate in _texts)
            if (text.SequenceEqual(candidate)) return true;
        return false;
    }

    static long Number(FilterField field, FilterToken value)
    {
        if (field.Kind == FieldKind.Boolean)
            return value.Text switch
            {
                "true" => 1,
                "false" => 0,
                _ => throw new FilterException($"{field.Name} is true or false, not '{value.Text}'", value.Start + 1),
            };
        return long.TryParse(value.Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FilterException($"{field.Name} is a number, not '{value.Text}'", value.Start + 1);
    }

    static string Describe(FieldKind kind) => kind == FieldKind.Number ? "number" : "true-or-false field";

    static string OperatorText(FilterOperator op) => op switch
    {
        FilterOperator.Contains => "contains",
        FilterOperator.ContainsIgnoringCase => "icontains",
        FilterOperator.StartsWith => "startswith",
        FilterOperator.EndsWith => "endswith",
        FilterOperator.Less => "<",
        FilterOperator.LessOrEqual => "<=",
        FilterOperator.Greater => ">",
        _ => ">=",
    };
}
