namespace Capture.Native.Formatting;

/// <summary>How the text line shows an event's time: sysdig's <c>-t</c>.</summary>
public enum TimeStyle
{
    /// <summary><c>h</c>: the time of day, 17:35:48.514648551 (the default).</summary>
    TimeOfDay,

    /// <summary><c>a</c>: seconds since the epoch, 1534527348.514648551.</summary>
    Epoch,

    /// <summary><c>d</c>: for an exit, the time since its enter event; 0 for everything else.</summary>
    SinceEnter,

    /// <summary><c>D</c>: the time since the previous line printed.</summary>
    SincePrevious,
}
