using Capture.Native.Schema;

namespace Capture.Actors.Drivers;

/// <summary>
/// A driver whose API or schema version this build cannot read. Restarting cannot help, so
/// the supervisor fails at once; the message names both sides' versions.
/// </summary>
public sealed class IncompatibleDriverException(
    string driver,
    SemanticVersion api,
    SemanticVersion schema,
    SemanticVersion requiredApi,
    SemanticVersion requiredSchema)
    : Exception($"driver '{driver}' is incompatible: it has API version {api} and schema version {schema}, " +
                $"this build requires API {requiredApi} and schema {requiredSchema} (same major, at least that minor.patch)")
{
    public SemanticVersion Api => api;
    public SemanticVersion Schema => schema;
    public SemanticVersion RequiredApi => requiredApi;
    public SemanticVersion RequiredSchema => requiredSchema;
}
