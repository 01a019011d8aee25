using System.Text;

namespace Capture.Native.Filtering;

/// <summary>
/// Splits a filter into words (field names, keywords, bare values such as /etc/passwd or
/// 443), quoted values ("..." or '...', backslash escapes the next character), the comparison
/// symbols, parentheses and commas.
/// </summary>
static class FilterLexer
{
    public static List<FilterToken> Tokens(string text)
    {
        var tokens = new List<FilterToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i == text.Length)
            {
                tokens.Add(new FilterToken(FilterTokenKind.End, "", i));
                return tokens;
            }
            var start = i;
            var c = text[i];
            switch (c)
            {
                case '(':
                    tokens.Add(new FilterToken(FilterTokenKind.Open, "(", i++));
                    continue;
                case ')':
                    tokens.Add(new FilterToken(FilterTokenKind.Close, ")", i++));
                    continue;
                case ',':
                    tokens.Add(new FilterToken(FilterTokenKind.Comma, ",", i++));
                    continue;
                case '"' or '\'':
                    tokens.Add(new FilterToken(FilterTokenKind.Quoted, Quoted(text, ref i), start));
                    continue;
            }
            if (IsSymbol(c))
            {
                while (i < text.Length && IsSymbol(text[i])) i++;
                tokens.Add(new FilterToken(FilterTokenKind.Operator, text[start..i], start));
                continue;
            }
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && !IsSymbol(text[i]) && text[i] is not ('(' or ')' or ',' or '"' or '\'')) i++;
            tokens.Add(new FilterToken(FilterTokenKind.Word, text[start..i], start));
        }
    }

    static bool IsSymbol(char c) => c is '=' or '!' or '<' or '>';

    static string Quoted(string text, ref int i)
    {
        var quote = text[i];
        var start = i++;
        var value = new StringBuilder();
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\' && i + 1 < text.Length) i++;
            value.Append(text[i++]);
        }
        if (i == text.Length) throw new FilterException($"the quote opened here is not closed", start + 1);
        i++;
        return value.ToString();
    }
}
