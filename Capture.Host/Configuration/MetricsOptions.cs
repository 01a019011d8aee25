namespace Capture.Host.Configuration;

/// <summary>
/// Where `capture serve` serves /metrics, /healthz and /readyz (the `Metrics` section). Only
/// this machine by default: the endpoint says what the machine runs, which is not for everyone
/// on the network; "0.0.0.0" (or "*") serves on every address.
/// </summary>
public sealed record MetricsOptions
{
    public const int DefaultPort = 9477;

    public string Address { get; init; } = "127.0.0.1";

    public int Port { get; init; } = DefaultPort;
}
