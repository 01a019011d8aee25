using Capture.Native.Text;

namespace Capture.Actors.Outputs;

/// <summary>
/// The names sysdig 0.29.3 (libsinsp's cycle writer) gives the files of a rotated capture, so
/// that scripts written for its files find ours. From the -w name B, the file's place i
/// (0, 1, …; with -W N it wraps to 0 after N - 1) and the rules in force:
/// <list type="bullet">
/// <item>-G: B with strftime's conversions for the period's start when B holds a %, else B + i;
/// without -G, B;</item>
/// <item>-C then appends i, zero-padded to as many digits as N has (unpadded without -W);</item>
/// <item>-e overrides both: B + i.</item>
/// </list>
/// So -C 5 -W 10 writes B00 … B09, -G 2 -C 5 -W 12 writes B000, B101, … B1111, and -W alone
/// writes B. With -G, a pattern and -W, the file that held a place is removed when a new one
/// takes it (other names are simply overwritten). sysdig names the first file of a capture it
/// rewrites from a file with -G and a pattern "first_dump.scap" (in its working directory; here
/// beside B) and it is never removed.
/// </summary>
public sealed class RotationNames
{
    /// <summary>sysdig's name for the first file of a rewritten capture with a strftime pattern.</summary>
    public const string FirstDumpName = "first_dump.scap";

    readonly string _base;
    readonly Rotation _rotation;
    readonly bool _pattern;
    readonly string?[]? _pastNames;
    readonly int _placeDigits;
    int _place;

    public RotationNames(string basePath, Rotation rotation)
    {
        _base = basePath;
        _rotation = rotation;
        _pattern = rotation.Seconds is not null && basePath.Contains('%');
        if (_pattern && rotation.Keep is { } keep) _pastNames = new string?[keep];
        _placeDigits = rotation.Keep?.ToString().Length ?? 0;
    }

    /// <summary>
    /// The first file's name. <paramref name="startSeconds"/> is the wall clock when a live capture
    /// starts; null for a capture rewritten from a file, whose time is not known yet.
    /// </summary>
    public string First(long? startSeconds)
    {
        if (_pattern && startSeconds is null)
            return Path.Combine(Path.GetDirectoryName(_base) ?? "", FirstDumpName);
        return Next(startSeconds ?? 0, out _);
    }

    /// <summary>
    /// The next file's name, for a period that starts at <paramref name="periodStartSeconds"/>
    /// (seconds since the epoch). <paramref name="retired"/> is a file to remove first: the one
    /// that held this place the last time round, when its name differs.
    /// </summary>
    public string Next(long periodStartSeconds, out string? retired)
    {
        retired = null;
        if (_rotation.Keep is { } keep && _place >= keep) _place = 0;

        var name = _base;
        if (_rotation.Seconds is not null)
        {
            if (_pattern)
            {
                name = LocalTimeText.Format(_base, periodStartSeconds);
                if (_pastNames is not null)
                {
                    if (_pastNames[_place] is { } past && past != name) retired = past;
                    _pastNames[_place] = name;
                }
            }
            else name = _base + _place;
        }
        if (_rotation.SizeBytes is not null) name += _place.ToString().PadLeft(_placeDigits, '0');
        if (_rotation.Events is not null) name = _base + _place;

        _place++;
        return name;
    }
}
