using Capture.Host.Commands;

return await CaptureCommand.Parse(args).InvokeAsync();
