namespace Capture.Native.Kmod;

/// <summary>
/// The kernel's possible CPUs (/sys/devices/system/cpu/possible, e.g. "0-3" or "0,2-5"): the
/// module makes one device and ring for each.
/// </summary>
public static class PossibleCpuList
{
    const string PossiblePath = "/sys/devices/system/cpu/possible";

    public static IReadOnlyList<int> Read() => Parse(File.ReadAllText(PossiblePath));

    /// <summary>Parses the kernel's CPU list format; throws naming the part it cannot read.</summary>
    public static IReadOnlyList<int> Parse(string list)
    {
        var cpus = new List<int>();
        foreach (var part in list.Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-');
            if (range.Length is < 1 or > 2 || !int.TryParse(range[0], out var from) || from < 0)
                throw new FormatException($"'{part}' in the CPU list '{list.Trim()}' is not a CPU or a range of CPUs");
            var to = from;
            if (range.Length == 2 && (!int.TryParse(range[1], out to) || to < from))
                throw new FormatException($"'{part}' in the CPU list '{list.Trim()}' is not a range from low to high");
            for (var cpu = from; cpu <= to; cpu++) cpus.Add(cpu);
        }
        if (cpus.Count == 0) throw new FormatException($"the CPU list '{list.Trim()}' names no CPU");
        return cpus;
    }
}
