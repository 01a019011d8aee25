using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace Capture.Host.Commands;

/// <summary>
/// Parses the numeric options so that a word that is not a number is refused in one line
/// naming the option and what it takes (`capture: -n takes a whole number of events, not
/// 'abc'`), instead of System.CommandLine's message with a .NET type name or, where a
/// validator then read the value, an exception.
/// </summary>
static class NumberArguments
{
    /// <summary>The option's number; <paramref name="takes"/> says what it takes, <paramref name="valid"/> which numbers.</summary>
    public static T Parse<T>(ArgumentResult result, string takes, Func<T, bool>? valid = null) where T : struct, INumber<T>
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (T.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && (valid is null || valid(value))) return value;
        var option = (result.Parent as OptionResult)?.IdentifierToken?.Value ?? result.Argument.Name;
        result.AddError($"{option} takes {takes}, not '{token}'");
        return default;
    }
}
