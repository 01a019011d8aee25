using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Capture.Native.Containers.Engine;

/// <summary>
/// Asks the container runtime what a container is called and runs: Docker's Engine API over
/// its unix socket (<c>/var/run/docker.sock</c>), which podman serves too
/// (<c>podman system service</c>, at <c>/run/podman/podman.sock</c> for root).
///
/// Off the hot path: <see cref="Request"/> only queues the container (once per container,
/// the table's promise); one background task asks, each call bounded by a timeout, and
/// publishes the answer on the container. A runtime that is absent, slow or does not know the
/// container leaves it with its id and no name: nothing waits. Only the runtimes that speak
/// the Engine API (docker, podman) are asked; CRI-O and containerd's CRI speak gRPC, not asked.
/// </summary>
public sealed class EngineMetadataSource : IContainerMetadataSource, IDisposable
{
    public static readonly IReadOnlyList<string> DefaultSockets = ["/var/run/docker.sock", "/run/podman/podman.sock"];
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    // A container the runtime does not know yet (its first clone can come before its record is
    // written) is asked again, a few times, a little later.
    const int Attempts = 3;
    static readonly TimeSpan RetryAfter = TimeSpan.FromMilliseconds(500);

    readonly IReadOnlyList<string> _sockets;
    readonly TimeSpan _timeout;
    readonly Channel<Container> _queue = Channel.CreateBounded<Container>(
        new BoundedChannelOptions(4096) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    readonly CancellationTokenSource _stop = new();
    readonly Task _worker;
    long _answered, _unanswered;

    public EngineMetadataSource(IReadOnlyList<string>? sockets = null, TimeSpan? timeout = null)
    {
        _sockets = sockets ?? DefaultSockets;
        _timeout = timeout ?? DefaultTimeout;
        _worker = Task.Run(AskAsync);
    }

    /// <summary>Containers the runtime described; containers it could not (absent, timed out, unknown).</summary>
    public long Answered => Interlocked.Read(ref _answered);
    public long Unanswered => Interlocked.Read(ref _unanswered);

    public void Request(Container container)
    {
        if (container.Type is ContainerType.Docker or ContainerType.Podman) _queue.Writer.TryWrite(container);
    }

    async Task AskAsync()
    {
        var clients = _sockets.Select(path => (Path: path, Client: ClientFor(path))).ToList();
        try
        {
            await foreach (var container in _queue.Reader.ReadAllAsync(_stop.Token))
            {
                ContainerMetadata? found = null;
                for (var attempt = 0; attempt < Attempts && found is null; attempt++)
                {
                    if (attempt > 0) await Task.Delay(RetryAfter, _stop.Token);
                    foreach (var (path, client) in clients)
                        if (Path.Exists(path) && (found = await InspectAsync(client, container.IdText)) is not null) break;
                }
                if (found is null)
                {
                    Interlocked.Increment(ref _unanswered);
                    continue;
                }
                container.Metadata = found;
                Interlocked.Increment(ref _answered);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var (_, client) in clients) client.Dispose();
        }
    }

    async Task<ContainerMetadata?> InspectAsync(HttpClient client, string id)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        deadline.CancelAfter(_timeout);
        try
        {
            using var response = await client.GetAsync($"/containers/{Uri.EscapeDataString(id)}/json", deadline.Token);
            if (response.StatusCode != HttpStatusCode.OK) return null;
            var body = await response.Content.ReadAsByteArrayAsync(deadline.Token);
            return EngineContainerJson.Parse(body);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException
            || (e is OperationCanceledException && !_stop.IsCancellationRequested))
        {
            return null;
        }
    }

    static HttpClient ClientFor(string socketPath) =>
        new(new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            // The host name is not used: the connection is the socket.
            BaseAddress = new Uri("http://engine"),
            Timeout = Timeout.InfiniteTimeSpan,
        };

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _stop.Cancel();
        try
        {
            _worker.Wait(_timeout);
        }
        catch (AggregateException)
        {
        }
        _stop.Dispose();
    }
}
