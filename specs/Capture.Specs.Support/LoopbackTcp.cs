using System.Net;
using System.Net.Sockets;

namespace Capture.Specs.Support;

/// <summary>
/// A TCP listener on 127.0.0.1 and a connection to it, all three sockets open: fds with known
/// addresses, for specs about how sockets are listed and named.
/// </summary>
public sealed class LoopbackTcp : IDisposable
{
    LoopbackTcp(Socket listener, Socket client, Socket accepted)
    {
        Listener = listener;
        Client = client;
        Accepted = accepted;
    }

    public Socket Listener { get; }
    public Socket Client { get; }
    public Socket Accepted { get; }

    public int ServerPort => ((IPEndPoint)Listener.LocalEndPoint!).Port;
    public int ClientPort => ((IPEndPoint)Client.LocalEndPoint!).Port;

    /// <summary>The client's end as sysdig names it: "127.0.0.1:CLIENT->127.0.0.1:SERVER".</summary>
    public string ClientTuple => $"127.0.0.1:{ClientPort}->127.0.0.1:{ServerPort}";

    public static LoopbackTcp Open()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndPoint!).Port);
        return new LoopbackTcp(listener, client, listener.Accept());
    }

    public void Dispose()
    {
        Accepted.Dispose();
        Client.Dispose();
        Listener.Dispose();
    }
}
