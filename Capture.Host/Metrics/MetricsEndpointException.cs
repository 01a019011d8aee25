namespace Capture.Host.Metrics;

/// <summary>The metrics endpoint could not listen: the message names the address and the system's reason.</summary>
public sealed class MetricsEndpointException(int port, Exception reason)
    : Exception($"cannot serve metrics at http://127.0.0.1:{port}/metrics: {reason.Message} (choose another with --metrics-port)", reason);
