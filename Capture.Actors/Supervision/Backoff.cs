namespace Capture.Actors.Supervision;

/// <summary>Exponential backoff without jitter, so a restart schedule can be stated in a spec.</summary>
public static class Backoff
{
    /// <summary>The wait before restart number <paramref name="attempt"/> (from 1): min, 2×min, 4×min… capped at max.</summary>
    public static TimeSpan Delay(int attempt, TimeSpan min, TimeSpan max)
    {
        if (attempt < 1) throw new ArgumentOutOfRangeException(nameof(attempt), "restarts are numbered from 1");
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var ticks = Math.Min(min.Ticks * factor, max.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
