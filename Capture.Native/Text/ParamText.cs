namespace Capture.Native.Text;

/// <summary>The fixed words sysdig prints in place of a value.</summary>
public static class ParamText
{
    /// <summary>A fixed-size value whose length is wrong: nothing sensible can be decoded.</summary>
    public static ReadOnlySpan<byte> Invalid => "<invalid>"u8;

    /// <summary>An empty value of a fixed-size type.</summary>
    public static ReadOnlySpan<byte> NotAvailable => "<NA>"u8;

    /// <summary>An empty address, tuple, fd list or dynamic value.</summary>
    public static ReadOnlySpan<byte> Null => "NULL"u8;
}
