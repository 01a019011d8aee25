using Capture.Native.Processes;

namespace Capture.Native.Files;

/// <summary>One entry of a capture's user list: a user or a group, by id.</summary>
public sealed record AccountRecord(uint Id, string Name, bool IsGroup)
{
    public void AddTo(AccountNames names)
    {
        if (IsGroup) names.AddGroup(Id, Name);
        else names.AddUser(Id, Name);
    }
}
