namespace Capture.Native.Filtering;

enum FilterTokenKind
{
    Word,
    Quoted,
    Operator,
    Open,
    Close,
    Comma,
    End,
}

/// <summary>One token of a filter and where it starts (0-based), for error messages.</summary>
readonly record struct FilterToken(FilterTokenKind Kind, string Text, int Start);
