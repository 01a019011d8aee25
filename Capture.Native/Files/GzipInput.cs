using System.Runtime.InteropServices;
using Capture.Native.Interop;
using Capture.Native.SafeHandles;

namespace Capture.Native.Files;

/// <summary>
/// The inflated bytes of a gzip file (one member or several back to back), through zlib
/// itself. .NET's GZipStream returns a clean end for a stream cut short (a writer killed
/// before its trailer) and throws away what it inflated in the same read when the CRC is
/// wrong; here every byte zlib inflated is handed out first, and the damage comes after it
/// as an <see cref="InvalidDataException"/> that says what it is and at which compressed byte.
/// </summary>
internal sealed unsafe class GzipInput(Stream compressed) : ForwardReadStream
{
    const int InputSize = 1 << 16;

    readonly SafeInflateHandle _inflater = SafeInflateHandle.ForGzip();
    /// <summary>Pinned: zlib holds a pointer into it between calls.</summary>
    readonly byte[] _input = GC.AllocateArray<byte>(InputSize, pinned: true);
    long _compressedRead;
    bool _compressedEnded;
    /// <summary>The last member's trailer checked out and no next member has started.</summary>
    bool _memberEnded;
    /// <summary>Damage found after some bytes were inflated; raised on the next read, once those are delivered.</summary>
    string? _damage;

    /// <summary>Offset in the compressed file of the next byte zlib has not consumed.</summary>
    long CompressedPosition => _compressedRead - _inflater.Stream->AvailIn;

    public override int Read(Span<byte> buffer)
    {
        if (_damage is not null) throw new InvalidDataException(_damage);
        if (buffer.IsEmpty) return 0;
        var z = _inflater.Stream;
        fixed (byte* output = buffer)
        {
            z->NextOut = output;
            z->AvailOut = (uint)buffer.Length;
            while (z->AvailOut == (uint)buffer.Length && _damage is null)
            {
                if (z->AvailIn == 0 && !_compressedEnded) Refill(z);
                if (_memberEnded)
                {
                    if (z->AvailIn == 0) break;
                    // More bytes after a complete member: gzip's rule is that they are another member.
                    Zlib.InflateReset(z);
                    _memberEnded = false;
                }
                var result = Zlib.Inflate(z, Zlib.NoFlush);
                if (result == Zlib.StreamEnd) _memberEnded = true;
                else if (result == Zlib.BufError && _compressedEnded && z->AvailIn == 0)
                    _damage = $"gzip: unexpected end of file at compressed byte {CompressedPosition}: the stream stops before its end (its trailer with the CRC and length is missing)";
                else if (result is not (Zlib.Ok or Zlib.BufError))
                    _damage = $"gzip: {Describe(z)} at compressed byte {CompressedPosition}";
            }
            var produced = buffer.Length - (int)z->AvailOut;
            z->NextOut = null;
            z->AvailOut = 0;
            if (produced == 0 && _damage is not null) throw new InvalidDataException(_damage);
            return produced;
        }
    }

    void Refill(ZStream* z)
    {
        var read = compressed.Read(_input);
        _compressedRead += read;
        _compressedEnded = read == 0;
        z->NextIn = (byte*)Marshal.UnsafeAddrOfPinnedArrayElement(_input, 0);
        z->AvailIn = (uint)read;
    }

    static string Describe(ZStream* z)
    {
        var message = z->Message is null ? "corrupt data" : Marshal.PtrToStringUTF8((nint)z->Message)!;
        return message switch
        {
            "incorrect data check" => "CRC error (the inflated bytes do not match the CRC in the member's trailer)",
            "incorrect length check" => "length error (the inflated size does not match the length in the member's trailer)",
            _ => "corrupt compressed data (" + message + ")",
        };
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inflater.Dispose();
            compressed.Dispose();
        }
        base.Dispose(disposing);
    }
}
