using System.Text.Json;
using Capture.Native.Events;
using Capture.Native.Formatting;
using Capture.Native.Processes;
using Capture.Native.Schema;
using Capture.Native.Text;
using CsCheck;

namespace Capture.Native.Specs.Formatting;

/// <summary>Whatever the bytes of the parameters, formatting neither throws nor writes invalid JSON.</summary>
public sealed class RobustnessSpecs
{
    static readonly ushort[] s_ids = EventTable.All.ToArray().Where(e => !e.IsUnused).Select(e => e.Id).ToArray();

    // Values sized like the real ones half of the time, so the decoders past the length check run too.
    static readonly Gen<byte[]> s_value = Gen.OneOf(
        Gen.Byte.Array[0, 40],
        Gen.Int[0, 4].SelectMany(i => Gen.Byte.Array[new[] { 1, 2, 4, 8, 16 }[i]]),
        Gen.Byte.Array[13],
        Gen.Byte.Array[37]);

    static readonly Gen<(ushort Id, byte[][] Values, long Tid)> s_event =
        Gen.Select(Gen.Int[0, s_ids.Length - 1], s_value.Array[0, 12], Gen.Long[1, 4]).Select((i, values, tid) => (s_ids[i], values, tid));

    [Fact]
    public void Random_parameters_never_throw_and_always_give_valid_json()
    {
        var threads = new ThreadTable();
        threads.Add(new ThreadEntry(1, 1, 0, "init", "/sbin/init", "", [], "/", 0, 0));
        var formatter = new EventFormatter(threads, new AccountNames(), TimeSpan.Zero);
        var line = new Utf8Buffer();
        s_event.Sample(e =>
        {
            var builder = new FrameBuilder(e.Id, tid: (ulong)e.Tid);
            foreach (var value in e.Values) builder.Add(value);
            var frame = builder.Build();
            if (EventView.TryRead(frame, out var view) != FrameFault.None) return;
            threads.Observe(view);
            line.Clear();
            formatter.WriteText(line, view, 1, 0);
            line.Clear();
            formatter.WriteJson(line, view, 1, 0);
            using var json = JsonDocument.Parse(line.Written.ToArray());
            Assert.Equal(EventTable.Find(e.Id)!.DirectionSymbol.ToString(), json.RootElement.GetProperty("evt.dir").GetString());
        }, iter: 10_000, threads: 1);
    }
}
