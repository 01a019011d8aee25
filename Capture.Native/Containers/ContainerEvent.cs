using System.Text.Json;

namespace Capture.Native.Containers;

/// <summary>
/// The container events libs writes into a capture (one per container, before the events of
/// its threads; libs has no container block): the JSON of
/// <c>{"container":{"id":…,"type":…,"name":…,"image":…,"imagerepo":…,"imagetag":…,
/// "imageid":…,"imagedigest":…,"privileged":…}}</c>, the keys libs writes. Rare (one per
/// container), so parsed with a JSON document; a malformed one is ignored as libs ignores it.
/// </summary>
public static class ContainerEvent
{
    public readonly record struct Described(string Id, ContainerType Type, ContainerMetadata Metadata);

    public static bool TryParse(ReadOnlySpan<byte> json, out Described described)
    {
        described = default;
        var end = json.IndexOf((byte)0);
        if (end >= 0) json = json[..end];
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            // Any JSON may come (a damaged file): only an object of the expected shape is read.
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("container", out var c) || c.ValueKind != JsonValueKind.Object) return false;
            var id = Text(c, "id");
            if (id.Length == 0) return false;
            var type = c.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt32(out var number) && number is >= 0 and < 255
                ? (ContainerType)number : ContainerType.Docker;
            bool? privileged = c.TryGetProperty("privileged", out var p) && p.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? p.GetBoolean() : null;
            described = new Described(id, type, ContainerMetadata.From(Text(c, "name"), Text(c, "image"), Text(c, "imagerepo"),
                Text(c, "imagetag"), Text(c, "imageid"), Text(c, "imagedigest"), privileged));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    static string Text(JsonElement container, string key) =>
        container.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
