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
        var problems = new List<string>();
        Check(typeof(T), section, problems);
        return problems;
    }

    // A list of records (Capture:Outputs) is checked entry by entry, each as a section of its
    // own, so that a wrong key or value inside one is named (Capture:Outputs:1:Kind) rather
    // than the whole list refused.
    static void Check(Type type, IConfigurationSection section, List<string> problems)
    {
        var settings = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (!settings.TryGetValue(child.Key, out var setting))
            {
                problems.Add($"unknown setting {child.Path} (known: {string.Join(", ", settings.Keys.Select(k => $"{section.Path}:{k}"))})");
                continue;
            }
            if (RecordListEntry(setting.PropertyType) is { } entry)
            {
                if (child.Value is { Length: > 0 } && !child.GetChildren().Any())
                    problems.Add($"setting {child.Path}={child.Value} is not a list of settings ({child.Path}:0:Name=value, or a JSON array of objects)");
                foreach (var item in child.GetChildren()) Check(entry, item, problems);
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
    }

    /// <summary>The entry type of a list whose entries are sections of settings (not of plain values), else null.</summary>
    static Type? RecordListEntry(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)
        && type.GetGenericArguments()[0] is { IsClass: true } entry && entry != typeof(string)
            ? entry
            : null;

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
