using System.Globalization;
using Spectre.Console;
using Capture.Actors.Accounting;

namespace Capture.Host.Live;

/// <summary>
/// A one-line status on stderr during long live runs — events/s, drops, bytes written — when a
/// person is watching: stderr is a terminal and no events go to that terminal (they would tear
/// the line), as with -w or -q or a redirected stdout. Off otherwise, so redirected output stays clean.
/// </summary>
public sealed class StatusLine : IAsyncDisposable
{
    readonly CancellationTokenSource _stop = new();
    readonly Task _loop;

    StatusLine(Func<long> delivered, PipelineStats stats, Func<long> bytesWritten)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        _loop = Task.Run(async () =>
        {
            var last = delivered();
            var at = DateTime.UtcNow;
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(500, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                var now = delivered();
                var rate = (now - last) / (DateTime.UtcNow - at).TotalSeconds;
                (last, at) = (now, DateTime.UtcNow);
                var losses = stats.RingLosses;
                var text = string.Create(CultureInfo.InvariantCulture,
                    $"[grey]capture[/] [bold]{rate:N0}[/] events/s  {now:N0} events  [yellow]{losses.Kernel + losses.Corrupt:N0}[/] dropped  {bytesWritten() / 1e6:N1} MB written");
                // Carriage return and erase-to-end go straight to the terminal: the line is
                // redrawn in place, and only the styled text goes through Spectre.
                Console.Error.Write('\r');
                console.Markup(text);
                Console.Error.Write("\u001b[K");
            }
            Console.Error.Write("\r\u001b[K");
        });
    }

    /// <summary>The status line if someone is watching, else null.</summary>
    public static StatusLine? StartIfWatched(bool eventsOnStdout, Func<long> delivered, PipelineStats stats, Func<long> bytesWritten) =>
        !Console.IsErrorRedirected && (!eventsOnStdout || Console.IsOutputRedirected) ? new StatusLine(delivered, stats, bytesWritten) : null;

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
        _stop.Dispose();
    }
}
