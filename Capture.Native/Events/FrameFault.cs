namespace Capture.Native.Events;

/// <summary>What is wrong with a frame that cannot be read as an event.</summary>
public enum FrameFault
{
    None,
    /// <summary>Fewer bytes than a header.</summary>
    ShorterThanHeader,
    /// <summary>The header's len is below the header size.</summary>
    LengthBelowHeader,
    /// <summary>The header's len runs past the bytes available.</summary>
    LengthPastEnd,
    /// <summary>The length array does not fit inside len.</summary>
    ParamLengthsPastEnd,
    /// <summary>The parameter values together run past len.</summary>
    ParamValuesPastEnd,
    /// <summary>The event id is not in the schema.</summary>
    UnknownEventType,
}

public static class FrameFaultText
{
    public static string Describe(this FrameFault fault) => fault switch
    {
        FrameFault.ShorterThanHeader => "fewer bytes than an event header",
        FrameFault.LengthBelowHeader => "event len is shorter than its header",
        FrameFault.LengthPastEnd => "event len runs past the end of its block",
        FrameFault.ParamLengthsPastEnd => "parameter length array runs past the event's len",
        FrameFault.ParamValuesPastEnd => "parameter lengths overrun the event's len",
        FrameFault.UnknownEventType => "unknown event type",
        _ => "no fault",
    };
}
