namespace Capture.Native.Filtering;

/// <summary>
/// sysdig's filter syntax, for the fields in <see cref="FilterField.All"/>:
/// <c>field op value</c>, <c>field in (v1, v2)</c>, <c>field exists</c>, joined with
/// <c>and</c>, <c>or</c>, <c>not</c> and parentheses (<c>not</c> binds tightest, then
/// <c>and</c>, then <c>or</c>).
/// </summary>
sealed class FilterParser
{
    readonly List<FilterToken> _tokens;
    int _next;

    FilterParser(string text) => _tokens = FilterLexer.Tokens(text);

    public static FilterNode Parse(string text)
    {
        var parser = new FilterParser(text);
        if (parser.Peek.Kind == FilterTokenKind.End) throw new FilterException("the filter is empty", 1);
        var root = parser.Or();
        var rest = parser.Peek;
        if (rest.Kind != FilterTokenKind.End) throw new FilterException($"expected 'and', 'or' or the end, found '{rest.Text}'", rest.Start + 1);
        return root;
    }

    FilterToken Peek => _tokens[_next];

    FilterToken Take() => _tokens[_next++];

    bool TakeKeyword(string keyword)
    {
        if (Peek.Kind != FilterTokenKind.Word || Peek.Text != keyword) return false;
        _next++;
        return true;
    }

    FilterNode Or()
    {
        var node = And();
        while (TakeKeyword("or")) node = new OrNode(node, And());
        return node;
    }

    FilterNode And()
    {
        var node = Unary();
        while (TakeKeyword("and")) node = new AndNode(node, Unary());
        return node;
    }

    FilterNode Unary()
    {
        if (TakeKeyword("not")) return new NotNode(Unary());
        if (Peek.Kind == FilterTokenKind.Open)
        {
            var open = Take();
            var inner = Or();
            if (Peek.Kind != FilterTokenKind.Close) throw new FilterException($"the parenthesis opened at column {open.Start + 1} is not closed", Peek.Start + 1);
            Take();
            return inner;
        }
        return Comparison();
    }

    FilterNode Comparison()
    {
        var name = Take();
        if (name.Kind != FilterTokenKind.Word)
            throw new FilterException(name.Kind == FilterTokenKind.End ? "a condition is missing" : $"expected a field, found '{name.Text}'", name.Start + 1);
        var field = FilterField.Find(name.Text)
            ?? throw new FilterException($"unknown field '{name.Text}' (known: {string.Join(", ", FilterField.All.Select(f => f.Name))})", name.Start + 1);

        var opToken = Take();
        var op = opToken.Kind is FilterTokenKind.Operator or FilterTokenKind.Word ? FilterOperators.Parse(opToken.Text) : null;
        if (op is null)
            throw new FilterException(opToken.Kind == FilterTokenKind.End ? $"{field.Name} needs an operator and a value" : $"unknown operator '{opToken.Text}' after {field.Name}", opToken.Start + 1);

        if (NetworkComparisonNode.Handles(field))
            return new NetworkComparisonNode(field, op.Value, op == FilterOperator.Exists ? [] : op.Value.TakesList() ? List(field, op.Value) : [Value(field)]);
        if (op == FilterOperator.Exists) return new ComparisonNode(field, op.Value, []);
        if (op.Value.TakesList()) return new ComparisonNode(field, op.Value, List(field, op.Value));
        return new ComparisonNode(field, op.Value, [Value(field)]);
    }

    List<FilterToken> List(FilterField field, FilterOperator op)
    {
        var open = Take();
        if (open.Kind != FilterTokenKind.Open) throw new FilterException($"'{field.Name} {op.Text()}' wants a list in parentheses: (a, b)", open.Start + 1);
        var values = new List<FilterToken> { Value(field) };
        while (Peek.Kind == FilterTokenKind.Comma)
        {
            Take();
            values.Add(Value(field));
        }
        var close = Take();
        if (close.Kind != FilterTokenKind.Close) throw new FilterException($"the list opened at column {open.Start + 1} is not closed", close.Start + 1);
        return values;
    }

    FilterToken Value(FilterField field)
    {
        var value = Take();
        if (value.Kind is FilterTokenKind.Word or FilterTokenKind.Quoted) return value;
        throw new FilterException(value.Kind == FilterTokenKind.End ? $"{field.Name} needs a value" : $"expected a value for {field.Name}, found '{value.Text}'", value.Start + 1);
    }
}
