using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Capture.Native.Processes;

/// <summary>The live machine's interface addresses, read once when a capture starts (as libscap lists them for its file).</summary>
public static class MachineAddresses
{
    public static LocalAddresses Read()
    {
        try
        {
            var addresses = NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Select(u => u.Address)
                .ToList();
            return new LocalAddresses(
                addresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork).Select(a => a.GetAddressBytes()),
                addresses.Where(a => a.AddressFamily == AddressFamily.InterNetworkV6).Select(a => a.GetAddressBytes()));
        }
        catch (NetworkInformationException)
        {
            // Without the list every address is remote, as for a capture that carries none.
            return LocalAddresses.None;
        }
    }
}
