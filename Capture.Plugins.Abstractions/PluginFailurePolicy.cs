namespace Capture.Plugins;

/// <summary>What becomes of a plugin's stage once it has thrown or hung.</summary>
public enum PluginFailurePolicy
{
    /// <summary>The stage is bypassed from then on: batches go on as if it were not there. Right for observers and enrichers.</summary>
    FailOpen,
    /// <summary>
    /// Everything that would have passed the stage is dropped from then on, counted as dropped
    /// because the plugin failed. Right for a filter whose job is to keep events from going on
    /// (redaction, tenancy): failing open would leak them.
    /// </summary>
    FailClosed,
}
