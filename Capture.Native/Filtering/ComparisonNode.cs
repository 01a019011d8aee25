using System.Text;

namespace Capture.Native.Filtering;

/// <summary>
/// field op value(s). Values are converted once, when the filter is parsed: to numbers for
/// number and boolean fields, to UTF-8 for text fields (to bytes for bcontains and
/// bstartswith), so matching compares without allocating.
/// </summary>
sealed class ComparisonNode : FilterNode
{
    // proc.aname / proc.apid without [N] test every ancestor; this bounds the walk should the
    // table ever hold a parent loop (libsinsp stops at one too).
    const int DeepestAncestor = 256;

    readonly FilterField _field;
    readonly FilterOperator _op;
    readonly long[] _numbers;
    readonly byte[][] _texts;
    readonly bool _anyAncestor;

    public ComparisonNode(FilterField field, FilterOperator op, IReadOnlyList<FilterToken> values)
    {
        _field = field;
        _op = op;
        if (field.Kind != FieldKind.Text && op.IsTextOnly())
            throw new FilterException($"{field.Name} is a {Describe(field.Kind)}; '{op.Text()}' compares text", values[0].Start + 1);
        if (field.Kind != FieldKind.Number && op.IsOrdering())
            throw new FilterException($"{field.Name} is {(field.Kind == FieldKind.Text ? "text" : "true or false")}; '{op.Text()}' compares numbers", values.Count > 0 ? values[0].Start + 1 : 1);
        if (field.Id == FieldId.EventType && (op is FilterOperator.Equal or FilterOperator.NotEqual || op.IsMembership()))
            foreach (var value in values) EventTypeCheck.Known(value);
        _numbers = field.Kind == FieldKind.Text ? [] : values.Select(v => Number(field, v)).ToArray();
        _texts = field.Kind != FieldKind.Text ? []
            : op.TakesBytes() ? values.Select(v => HexBytes(field, op, v)).ToArray()
            : op == FilterOperator.PathMatch ? values.Select(v => PathPrefix.Normalized(Encoding.UTF8.GetBytes(v.Text))).ToArray()
            : values.Select(v => Encoding.UTF8.GetBytes(v.Text)).ToArray();
        _anyAncestor = field.Id is FieldId.AncestorName or FieldId.AncestorPid && field.Generation < 0 && op != FilterOperator.Exists;
    }

    public override bool Matches(ref EventFields fields)
    {
        if (_anyAncestor) return MatchesAnyAncestor(ref fields);
        if (_field.Kind == FieldKind.Text)
            return fields.TryText(_field, out var text) && MatchesText(text);
        return fields.TryNumber(_field, out var number) && MatchesNumber(number);
    }

    /// <summary>As libsinsp: the process's parent, its parent, and so on; true at the first that matches.</summary>
    bool MatchesAnyAncestor(ref EventFields fields)
    {
        for (var generation = 1; generation <= DeepestAncestor; generation++)
        {
            if (fields.Ancestor(generation) is not { } ancestor) return false;
            if (_field.Id == FieldId.AncestorName ? MatchesText(ancestor.Comm) : MatchesNumber(ancestor.Pid)) return true;
        }
        return false;
    }

    bool MatchesText(ReadOnlySpan<byte> text) => _op switch
    {
        FilterOperator.Exists => true,
        FilterOperator.Equal => text.SequenceEqual(_texts[0]),
        FilterOperator.NotEqual => !text.SequenceEqual(_texts[0]),
        FilterOperator.Contains or FilterOperator.BytesContain => text.IndexOf(_texts[0]) >= 0,
        FilterOperator.ContainsIgnoringCase => AsciiIgnoringCase.Contains(text, _texts[0]),
        FilterOperator.StartsWith or FilterOperator.BytesStartWith => text.StartsWith(_texts[0]),
        FilterOperator.EndsWith => text.EndsWith(_texts[0]),
        FilterOperator.In or FilterOperator.Intersects => AnyEqual(text),
        FilterOperator.Glob => GlobPattern.Matches(text, _texts[0]),
        FilterOperator.PathMatch => AnyPathUnder(text),
        _ => false,
    };

    bool MatchesNumber(long number) => _op switch
    {
        FilterOperator.Exists => true,
        FilterOperator.Equal => number == _numbers[0],
        FilterOperator.NotEqual => number != _numbers[0],
        FilterOperator.Less => number < _numbers[0],
        FilterOperator.LessOrEqual => number <= _numbers[0],
        FilterOperator.Greater => number > _numbers[0],
        FilterOperator.GreaterOrEqual => number >= _numbers[0],
        FilterOperator.In or FilterOperator.Intersects => Array.IndexOf(_numbers, number) >= 0,
        _ => false,
    };

    bool AnyEqual(ReadOnlySpan<byte> text)
    {
        foreach (var candidate in _texts)
            if (text.SequenceEqual(candidate)) return true;
        return false;
    }

    bool AnyPathUnder(ReadOnlySpan<byte> text)
    {
        foreach (var path in _texts)
            if (PathPrefix.IsUnder(text, path)) return true;
        return false;
    }

    static byte[] HexBytes(FilterField field, FilterOperator op, FilterToken value)
    {
        try
        {
            var bytes = Convert.FromHexString(value.Text);
            if (bytes.Length > 0) return bytes;
        }
        catch (FormatException)
        {
        }
        throw new FilterException($"'{op.Text()}' after {field.Name} wants bytes as hex digits in pairs (2f657463), not '{value.Text}'", value.Start + 1);
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
}
