using System.Text.Json;

namespace Capture.Native.Containers.Engine;

/// <summary>
/// The answer of Docker's Engine API (which podman's service speaks too) to
/// <c>GET /containers/ID/json</c>, reduced to what the container fields show: the name
/// (without Docker's leading '/'), the image as it was asked for (<c>Config.Image</c>), the
/// image id (<c>Image</c>, without "sha256:") and <c>HostConfig.Privileged</c>.
/// </summary>
public static class EngineContainerJson
{
    public static ContainerMetadata? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var name = Text(root, "Name").TrimStart('/');
            var image = root.TryGetProperty("Config", out var config) && config.ValueKind == JsonValueKind.Object ? Text(config, "Image") : "";
            var imageId = Text(root, "Image");
            if (imageId.StartsWith("sha256:", StringComparison.Ordinal)) imageId = imageId["sha256:".Length..];
            bool? privileged = root.TryGetProperty("HostConfig", out var host) && host.ValueKind == JsonValueKind.Object
                && host.TryGetProperty("Privileged", out var p) && p.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? p.GetBoolean() : null;
            var split = ImageName.Parse(image);
            return ContainerMetadata.From(name, image, split.Repository, split.Tag, imageId, split.Digest, privileged);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static string Text(JsonElement element, string key) =>
        element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
