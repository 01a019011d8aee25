using Capture.Native.Processes;

namespace Capture.Native.Files;

/// <summary>One entry of a capture's user list: a user or a group, by id.</summary>
public sealed record AccountRecord(uint Id, string Name, bool IsGroup)
{
    /// <summary>A user's home directory and shell, as the list gives them (empty for groups).</summary>
    public string Home { get; init; } = "";
    public string Shell { get; init; } = "";

    public void AddTo(AccountNames names)
    {
        if (IsGroup) names.AddGroup(Id, Name);
        else names.AddUser(Id, Name, Home, Shell);
    }
}
