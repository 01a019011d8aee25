using System.Globalization;

namespace Capture.Native.Schema;

/// <summary>
/// A driver API or schema version. Packed into a u64 as libs does (major in bits 44 and
/// up, minor in bits 24–43, patch in bits 0–23) so that probe and loader exchange one word.
/// </summary>
public readonly record struct SemanticVersion(uint Major, uint Minor, uint Patch) : IComparable<SemanticVersion>
{
    const int MajorShift = 44;
    const int MinorShift = 24;
    const ulong MinorMask = (1UL << 20) - 1;
    const ulong PatchMask = (1UL << 24) - 1;

    public ulong Packed => ((ulong)Major << MajorShift) | ((ulong)Minor << MinorShift) | Patch;

    public static SemanticVersion FromPacked(ulong packed) =>
        new((uint)(packed >> MajorShift), (uint)((packed >> MinorShift) & MinorMask), (uint)(packed & PatchMask));

    public static SemanticVersion Parse(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 3)
            throw new FormatException($"'{text}' is not a MAJOR.MINOR.PATCH version");
        return new(uint.Parse(parts[0], CultureInfo.InvariantCulture),
                   uint.Parse(parts[1], CultureInfo.InvariantCulture),
                   uint.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A driver satisfies a requirement when the majors are equal and its minor.patch is
    /// at least the required one: minors add, majors break.
    /// </summary>
    public bool Satisfies(SemanticVersion required) => Major == required.Major && CompareTo(required) >= 0;

    public int CompareTo(SemanticVersion other) =>
        (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));

    public override string ToString() => $"{Major}.{Minor}.{Patch}";
}
