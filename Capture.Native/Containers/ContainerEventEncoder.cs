using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;
using Capture.Native.Schema;

namespace Capture.Native.Containers;

/// <summary>
/// One container as the event libs' dumper writes for it: PPME_CONTAINER_JSON_2_E, thread -1,
/// one parameter with a 4-byte length holding NUL-terminated JSON under a "container" key
/// (the keys <see cref="ContainerEvent"/> reads, plus "full_id" and a successful
/// "lookup_state", which sysdig needs to take the metadata as final). Rare (one per container
/// per file), so built with a JSON writer and a fresh array.
/// </summary>
public static class ContainerEventEncoder
{
    const int HeaderSize = 26;
    /// <summary>libs' "the runtime answered" lookup state.</summary>
    const int LookupSuccessful = 1;

    public static byte[] Encode(Container container, ContainerMetadata metadata, ulong timestamp)
    {
        var json = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("container");
            writer.WriteString("id", container.Id);
            writer.WriteString("full_id", container.Id);
            writer.WriteNumber("type", (int)container.Type);
            writer.WriteString("name", metadata.Name);
            writer.WriteString("image", metadata.Image);
            writer.WriteString("imageid", metadata.ImageId);
            writer.WriteString("imagerepo", metadata.ImageRepository);
            writer.WriteString("imagetag", metadata.ImageTag);
            writer.WriteString("imagedigest", metadata.ImageDigest);
            writer.WriteBoolean("privileged", metadata.Privileged ?? false);
            writer.WriteNumber("lookup_state", LookupSuccessful);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        var paramLength = json.WrittenCount + 1;
        var frame = new byte[HeaderSize + 4 + paramLength];
        BinaryPrimitives.WriteUInt64LittleEndian(frame, timestamp);
        BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(8), -1);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(16), (uint)frame.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(20), EventIds.PPME_CONTAINER_JSON_2_E);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(22), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(HeaderSize), (uint)paramLength);
        json.WrittenSpan.CopyTo(frame.AsSpan(HeaderSize + 4)); // the NUL is the array's last zero byte
        return frame;
    }
}
