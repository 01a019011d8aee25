using Capture.Host.Configuration;

namespace Capture.Host.Metrics;

/// <summary>The metrics endpoint could not listen: the message names the address and the system's reason.</summary>
public sealed class MetricsEndpointException(MetricsOptions options, Exception reason)
    : Exception($"cannot serve metrics at http://{options.Address}:{options.Port}/metrics: {reason.Message} (choose another with --metrics-port or Metrics:Address)", reason);
