using System.IO.Pipelines;

namespace Dps.Testing;

/// <summary>An in-memory duplex connection: two streams, each reading what the other writes.</summary>
public static class DuplexPipe
{
    /// <summary>Creates two connected streams built on <see cref="Pipe"/>s. Disposing one ends the other's reads (EOF).</summary>
    public static (PipeStream First, PipeStream Second) CreatePair(PipeOptions? options = null)
    {
        var toSecond = new Pipe(options ?? PipeOptions.Default);
        var toFirst = new Pipe(options ?? PipeOptions.Default);
        return (new PipeStream(toFirst.Reader, toSecond.Writer), new PipeStream(toSecond.Reader, toFirst.Writer));
    }
}
