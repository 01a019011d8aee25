using System.Threading.Channels;
using Akka;
using Akka.Streams.Dsl;
using Capture.Actors.Protocol;

namespace Capture.Actors.Specs.Streams;

/// <summary>Feeds a stage under test ring signal by ring signal, in the order a spec writes them.</summary>
sealed class SignalFeed
{
    readonly Channel<RingSignal> _channel = Channel.CreateUnbounded<RingSignal>(new UnboundedChannelOptions { SingleReader = true });

    public Source<RingSignal, NotUsed> Source => ChannelSource.FromReader(_channel.Reader);

    public void Write(RingSignal signal)
    {
        if (!_channel.Writer.TryWrite(signal)) throw new InvalidOperationException("the feed was completed");
    }

    public void Complete() => _channel.Writer.Complete();
}
