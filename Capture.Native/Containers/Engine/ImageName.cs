namespace Capture.Native.Containers.Engine;

/// <summary>
/// An image reference split as Falco splits it: <c>registry/repo:tag</c> or
/// <c>registry/repo@sha256:…</c>. The tag is the text after the last ':' that follows the last
/// '/' (a registry's port is not a tag); a reference with neither tag nor digest is "latest".
/// </summary>
public readonly record struct ImageName(string Repository, string Tag, string Digest)
{
    public static ImageName Parse(string reference)
    {
        var at = reference.IndexOf('@');
        if (at >= 0) return new ImageName(reference[..at], "", reference[(at + 1)..]);
        var colon = reference.LastIndexOf(':');
        if (colon > reference.LastIndexOf('/')) return new ImageName(reference[..colon], reference[(colon + 1)..], "");
        return new ImageName(reference, reference.Length == 0 ? "" : "latest", "");
    }
}
