namespace Capture.Plugins.SpecDependency;

public static class Greeting
{
    public static string Text => "hello from a dependency";
}
