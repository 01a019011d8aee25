using Capture.Tools.SchemaGen;

// usage: SchemaGen SCHEMA_DIR OUT_CS OUT_H
// Files are rewritten only when their content changes, so incremental builds stay incremental.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: SchemaGen SCHEMA_DIR OUT_CS OUT_H");
    return 2;
}
try
{
    var model = SchemaParser.Parse(args[0]);
    WriteIfChanged(args[1], CSharpEmitter.Emit(model));
    WriteIfChanged(args[2], CHeaderEmitter.Emit(model));
    return 0;
}
catch (FormatException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

static void WriteIfChanged(string path, string text)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    if (File.Exists(path) && File.ReadAllText(path) == text) return;
    File.WriteAllText(path, text);
}
