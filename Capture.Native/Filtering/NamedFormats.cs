namespace Capture.Native.Filtering;

/// <summary>
/// sysdig's named line formats for <c>-p</c>: <c>-pc</c> puts each event's container (name
/// and id) and the thread's id inside its container beside the process; <c>-pk</c> and
/// <c>-pm</c> put the Kubernetes pod or Mesos task name there instead. capture learns no
/// Kubernetes or Mesos names, so those two show &lt;NA&gt; where sysdig, knowing none either,
/// shows &lt;NA&gt; too.
/// </summary>
public static class NamedFormats
{
    const string Tail = " (%container.id) %proc.name (%thread.tid:%thread.vtid) %evt.dir %evt.type %evt.info";

    public const string Containers = "*%evt.num %evt.outputtime %evt.cpu %container.name" + Tail;
    public const string Kubernetes = "*%evt.num %evt.outputtime %evt.cpu <NA>" + Tail;
    public const string Mesos = Kubernetes;

    /// <summary>The format a letter stands for (c, k, m); any other text is a format of its own.</summary>
    public static string Expand(string format) => format switch
    {
        "c" => Containers,
        "k" => Kubernetes,
        "m" => Mesos,
        _ => format,
    };
}
