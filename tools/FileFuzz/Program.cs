using Capture.Native.Files;
using Capture.Native.Processes;
using SharpFuzz;

// AFL++ hands each input to this process through SharpFuzz. The input is read the way
// `capture -r` reads a file: opened, its lists seeded into a thread table, every event read.
// The reader's typed fault is the one way it may stop; any other exception is a crash for
// AFL to keep, and a read that never ends is a hang.
Fuzzer.OutOfProcess.Run(input =>
{
    var bytes = new MemoryStream();
    input.CopyTo(bytes);
    bytes.Position = 0;
    try
    {
        using var reader = ScapFileReader.Open(bytes, "fuzz-input.scap");
        FdListSeeding.SeedNames(reader, new ThreadTable(), new AccountNames());
        while (reader.TryReadNext(out _, out _))
        {
        }
    }
    catch (ScapFileException)
    {
    }
});
