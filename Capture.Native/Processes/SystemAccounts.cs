using System.Globalization;

namespace Capture.Native.Processes;

/// <summary>
/// The users and groups of the machine a live capture runs on, from /etc/passwd and
/// /etc/group, as libscap reads them for its user list: so live output prints
/// <c>uid=0(root)</c> and files written live carry the names. A line that does not parse is
/// skipped; a file that cannot be read leaves the names unknown.
/// </summary>
public sealed record SystemAccount(uint Id, uint Group, string Name, string Home, string Shell);

/// <summary>A machine's users and groups, as <see cref="SystemAccounts.Read"/> found them.</summary>
public sealed record MachineAccounts(IReadOnlyList<SystemAccount> Users, IReadOnlyList<SystemAccount> Groups)
{
    public static readonly MachineAccounts None = new([], []);

    /// <summary>The names into <paramref name="names"/>, for printed lines.</summary>
    public void LoadInto(AccountNames names)
    {
        foreach (var user in Users) names.AddUser(user.Id, user.Name, user.Home, user.Shell);
        foreach (var group in Groups) names.AddGroup(group.Id, group.Name);
    }
}

public static class SystemAccounts
{
    public static IReadOnlyList<SystemAccount> Users(string etc = "/etc") =>
        Entries(Path.Combine(etc, "passwd"), 7, f => new SystemAccount(Id(f[2]), Id(f[3]), f[0], f[5], f[6]));

    public static IReadOnlyList<SystemAccount> Groups(string etc = "/etc") =>
        Entries(Path.Combine(etc, "group"), 3, f => new SystemAccount(Id(f[2]), Id(f[2]), f[0], "", ""));

    /// <summary>Both lists, read once for everything a live capture does with them.</summary>
    public static MachineAccounts Read(string etc = "/etc") => new(Users(etc), Groups(etc));

    static uint Id(string text) => uint.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    static List<SystemAccount> Entries(string path, int fields, Func<string[], SystemAccount> make)
    {
        var entries = new List<SystemAccount>();
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return entries;
        }
        foreach (var line in lines)
        {
            var f = line.Split(':');
            if (f.Length < fields || line.StartsWith('#')) continue;
            try
            {
                entries.Add(make(f));
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
            }
        }
        return entries;
    }
}
