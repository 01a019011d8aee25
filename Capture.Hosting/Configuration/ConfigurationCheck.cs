using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Capture.Hosting.Configuration;

/// <summary>
/// Finds what binding would pass over in silence: a key no setting has (`Capture:SnapLen` for
/// `SnapLength` would leave the default in force), a value that does not convert (the binder
/// throws it as a page of nested exceptions), a command-line word that is not a setting.
/// Each problem is one line naming the key and, for a value, the value.
/// </summary>
public static class ConfigurationCheck
{
    /// <summary>The sections `capture serve` reads; a command-line key outside them is a mistake.</summary>
    public static readonly IReadOnlyList<string> Sections = ["Capture", "Metrics", "Logging", "Plugins"];

    /// <summary>Keys of <paramref name="section"/> that <typeparamref name="T"/> has no setting for, and values that do not convert.</summary>
    public static IReadOnlyList<string> Problems<T>(IConfigurationSection section)
    {
        var settings = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (var child in section.GetChildren())
        {
            if (!settings.TryGetValue(child.Key, out var setting))
            {
                problems.Add($"unknown setting {child.Path} (known: {string.Join(", ", settings.Keys.Select(k => $"{section.Path}:{k}"))})");
                continue;
            }
            try
            {
                child.Get(setting.PropertyType);
            }
            catch (InvalidOperationException)
            {
                problems.Add($"setting {child.Path}={child.Value} is not {WhatFits(setting.PropertyType)}");
            }
        }
        return problems;
    }

    /// <summary>
    /// Command-line words that set nothing: `--Section:Name=value` and `--Section:Name value`
    /// are settings, anything else (`--bogus`, a stray word) would be dropped by the binder.
    /// </summary>
    public static IReadOnlyList<string> CommandLineProblems(IReadOnlyList<string> words)
    {
        var problems = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (!word.StartsWith("--", StringComparison.Ordinal))
            {
                problems.Add($"unexpected argument '{word}' (settings are given as --Capture:Name=value)");
                continue;
            }
            var key = word[2..].Split('=', 2)[0];
            if (!word.Contains('=') && ++i == words.Count) problems.Add($"{word} needs a value ({word}=VALUE)");
            else if (!Sections.Contains(key.Split(':')[0], StringComparer.OrdinalIgnoreCase))
                problems.Add($"unknown setting {key} (settings are in the sections {string.Join(", ", Sections)}, e.g. --Capture:Driver=Simulated)");
        }
        return problems;
    }

    static string WhatFits(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) return $"one of {string.Join(", ", Enum.GetNames(type))}";
        if (type == typeof(int) || type == typeof(long)) return "a whole number";
        if (type == typeof(double)) return "a number";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(TimeSpan)) return "a time span such as 00:00:05";
        return $"a {type.Name}";
    }
}
