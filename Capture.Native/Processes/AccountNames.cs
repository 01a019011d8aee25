using System.Text;

namespace Capture.Native.Processes;

/// <summary>
/// User and group names by id, as a capture file's user and group lists give them, for
/// the names sysdig prints beside uid and gid parameters (<c>uid=0(root)</c>).
/// </summary>
public sealed class AccountNames
{
    readonly Dictionary<uint, byte[]> _users = [];
    readonly Dictionary<uint, byte[]> _groups = [];
    readonly Dictionary<uint, (byte[] Home, byte[] Shell)> _homes = [];

    public void AddUser(uint uid, string name) => _users[uid] = Encoding.UTF8.GetBytes(name);

    /// <summary>A user with the home directory and shell user.homedir and user.shell show.</summary>
    public void AddUser(uint uid, string name, string home, string shell)
    {
        AddUser(uid, name);
        _homes[uid] = (Encoding.UTF8.GetBytes(home), Encoding.UTF8.GetBytes(shell));
    }

    /// <summary>Whether the user is listed at all (user.homedir of an unlisted user has no value, an unlisted home is empty).</summary>
    public bool HasUser(uint uid) => _users.ContainsKey(uid);

    public byte[] HomeDirectory(uint uid) => _homes.TryGetValue(uid, out var entry) ? entry.Home : [];

    public byte[] Shell(uint uid) => _homes.TryGetValue(uid, out var entry) ? entry.Shell : [];

    public void AddGroup(uint gid, string name) => _groups[gid] = Encoding.UTF8.GetBytes(name);

    public byte[]? UserName(uint uid) => _users.TryGetValue(uid, out var name) ? name : null;

    public byte[]? GroupName(uint gid) => _groups.TryGetValue(gid, out var name) ? name : null;
}
