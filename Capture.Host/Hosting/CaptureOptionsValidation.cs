using Capture.Host.Configuration;
using Microsoft.Extensions.Options;

namespace Capture.Host.Hosting;

/// <summary>Refuses bad capture settings when the host starts, with every problem named.</summary>
public sealed class CaptureOptionsValidation : IValidateOptions<CaptureOptions>
{
    public ValidateOptionsResult Validate(string? name, CaptureOptions options)
    {
        var problems = CaptureOptionsValidator.Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
