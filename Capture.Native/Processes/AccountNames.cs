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

    public void AddUser(uint uid, string name) => _users[uid] = Encoding.UTF8.GetBytes(name);

    public void AddGroup(uint gid, string name) => _groups[gid] = Encoding.UTF8.GetBytes(name);

    public byte[]? UserName(uint uid) => _users.TryGetValue(uid, out var name) ? name : null;

    public byte[]? GroupName(uint gid) => _groups.TryGetValue(gid, out var name) ? name : null;
}
