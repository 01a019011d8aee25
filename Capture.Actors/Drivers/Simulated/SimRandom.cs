namespace Capture.Actors.Drivers.Simulated;

/// <summary>
/// A small, fast and fully specified pseudo-random generator (xorshift64*), so a seed gives the
/// same events on every runtime and the simulated kernel can produce tens of millions of
/// events a second. Not for anything that needs real randomness.
/// </summary>
struct SimRandom
{
    ulong _state;

    public SimRandom(ulong seed)
    {
        // SplitMix64 once, so nearby seeds (seed, ring) start far apart; never zero.
        var z = seed + 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        _state = (z ^ (z >> 31)) | 1;
    }

    public ulong Next()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return _state * 0x2545F4914F6CDD1D;
    }

    /// <summary>A value in [0, <paramref name="bound"/>).</summary>
    public ulong Below(ulong bound) => (ulong)(((UInt128)Next() * bound) >> 64);
}
