using Capture.Host.Commands;

return await CaptureCommand.Build().Parse(args).InvokeAsync();
