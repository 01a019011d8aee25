using Capture.Native.Schema;

namespace Capture.Actors.Outputs;

/// <summary>
/// One event copied out of the pipeline for an async consumer: its header facts and its
/// whole frame (read it again with <c>EventView.TryRead</c> for the parameters).
/// </summary>
public sealed record CapturedEvent(ulong Timestamp, long ThreadId, ushort Cpu, EventInfo Info, byte[] Frame);
