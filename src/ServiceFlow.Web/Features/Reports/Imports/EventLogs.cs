using System.IO.Compression;

namespace ServiceFlow.Web.Features.Reports.Imports;

/// One event of a log as mapped. `CaseAttributes` are the case's own (XES trace attributes), shared by its events.
public sealed record LogEvent(string CaseId, string Activity, DateTimeOffset At, string? Resource,
    IReadOnlyDictionary<string, string> Attributes, IReadOnlyDictionary<string, string>? CaseAttributes = null);

/// A row of the upload: an event, or why the row was not one (with the line a person can look up).
public sealed record LogRow(long Line, LogEvent? Event, string? Error)
{
    public static LogRow Bad(long line, string error) => new(line, null, error);
}

/// The whole upload could not be read (malformed XML, no header): nothing is imported, the message says where.
public sealed class EventLogException(string message) : Exception(message);

internal static class EventLogStreams
{
    /// The log inside the upload: a plain file, gzip (1F 8B) or a zip archive (PK 03 04) whose first
    /// .csv/.xes entry is the log. Progress is read from `counted`, the bytes of the upload consumed so far.
    public static Stream Open(Stream upload, out ByteCounter counted)
    {
        counted = new ByteCounter(upload);
        Span<byte> head = stackalloc byte[4];
        var read = upload.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        upload.Position = 0;
        if (read >= 2 && head[0] == 0x1F && head[1] == 0x8B)
            return new GZipStream(counted, CompressionMode.Decompress);
        if (read == 4 && head[0] == 0x50 && head[1] == 0x4B && head[2] == 0x03 && head[3] == 0x04)
        {
            var zip = new ZipArchive(counted, ZipArchiveMode.Read, leaveOpen: false);
            var entry = zip.Entries.FirstOrDefault(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || e.Name.EndsWith(".xes", StringComparison.OrdinalIgnoreCase)
                    || e.Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
                ?? throw new EventLogException("The zip archive holds no .csv or .xes file.");
            var inner = entry.Open();
            return entry.Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(inner, CompressionMode.Decompress) : inner;
        }
        return counted;
    }
}

/// Passes reads through and remembers how far into the upload they got (the progress bar).
internal sealed class ByteCounter(Stream inner) : Stream
{
    public long Total { get; } = inner.CanSeek ? inner.Length : 0;
    public double Fraction => Total == 0 ? 0 : Math.Min(1, (double)inner.Position / Total);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override int Read(Span<byte> buffer) => inner.Read(buffer);
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);
    public override bool CanRead => true;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => inner.Position = value; }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
