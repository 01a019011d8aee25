namespace Capture.Native.Processes;

public sealed partial class ThreadTable
{
    /// <summary>
    /// The addresses of the machine the events happened on: from the capture's interface list
    /// when reading a file, from the machine's interfaces when capturing live.
    /// </summary>
    public LocalAddresses LocalAddresses { get; set; } = LocalAddresses.None;
}
