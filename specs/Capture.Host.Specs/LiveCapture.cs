using System.Diagnostics;
using System.Text;

namespace Capture.Host.Specs;

/// <summary>
/// A live `capture` a spec started: returned once it said it is capturing, so whatever the
/// spec does next is traced; <see cref="Stop"/> signals it and collects what it printed.
/// </summary>
public sealed class LiveCapture : IDisposable
{
    readonly Process _process;
    readonly Task<string> _output;
    readonly StringBuilder _error = new();
    Task<string?>? _pendingLine;

    LiveCapture(Process process)
    {
        _process = process;
        _output = process.StandardOutput.ReadToEndAsync();
    }

    public int Pid => _process.Id;

    public static LiveCapture Start(params string[] args)
    {
        var live = new LiveCapture(CaptureProcess.Start(args));
        string? line;
        while ((line = live._process.StandardError.ReadLine()) is not null)
        {
            live._error.AppendLine(line);
            if (line.StartsWith("capture: capturing live", StringComparison.Ordinal)) return live;
        }
        live._process.WaitForExit();
        live.Dispose();
        throw new InvalidOperationException($"capture never went live (exit {live._process.ExitCode}): {live._error}");
    }

    /// <summary>
    /// The next line capture prints on stderr while it runs (kept for <see cref="Stop"/>'s result
    /// too), or null if none comes within <paramref name="timeout"/>.
    /// </summary>
    public string? NextErrorLine(TimeSpan timeout)
    {
        var read = _pendingLine ??= _process.StandardError.ReadLineAsync();
        if (!read.Wait(timeout)) return null;
        _pendingLine = null;
        if (read.Result is { } line) _error.AppendLine(line);
        return read.Result;
    }

    /// <summary>Sends <paramref name="signal"/> (INT: Ctrl-C), waits for the exit and returns what capture printed.</summary>
    public CaptureProcess.Result Stop(string signal = "INT")
    {
        CaptureProcess.Signal(_process.Id, signal);
        if (_pendingLine?.Result is { } pending) _error.AppendLine(pending);
        _error.Append(_process.StandardError.ReadToEnd());
        _process.WaitForExit();
        return new CaptureProcess.Result(_process.ExitCode, _output.Result, _error.ToString());
    }

    /// <summary>A capture the spec did not stop (it failed first) is killed, never left running.</summary>
    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }
}
