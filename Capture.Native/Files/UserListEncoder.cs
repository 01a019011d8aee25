using System.Text;
using Capture.Native.Processes;

namespace Capture.Native.Files;

/// <summary>
/// Encodes users and groups as a UL (v1) body, the layout every reader since 2022 takes:
/// per entry a type byte (0 user, 1 group), the id, for users their group, then
/// length-prefixed name (and for users home directory and shell).
/// </summary>
internal static class UserListEncoder
{
    const byte UserEntry = 0;
    const byte GroupEntry = 1;

    public static byte[] EncodeBody(IEnumerable<SystemAccount> users, IEnumerable<SystemAccount> groups)
    {
        var body = new MemoryStream();
        using var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true);
        void Text(string value) => w.WriteText(MetadataText.Utf8(value, MetadataText.CredentialBytes));
        foreach (var user in users)
        {
            w.Write(UserEntry);
            w.Write(user.Id);
            w.Write(user.Group);
            Text(user.Name);
            Text(user.Home);
            Text(user.Shell);
        }
        foreach (var group in groups)
        {
            w.Write(GroupEntry);
            w.Write(group.Id);
            Text(group.Name);
        }
        w.Flush();
        return body.ToArray();
    }
}
