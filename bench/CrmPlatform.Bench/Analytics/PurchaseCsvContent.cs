using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CrmPlatform.Bench.Analytics;

/// <summary>
/// A request body of <c>rows</c> generated purchase lines (after the header), produced while it is sent: chunked transfer,
/// no length known in advance, as a client streaming an export would send it. Remembers when its first byte went out.
/// </summary>
internal sealed class PurchaseCsvContent : HttpContent
{
    private readonly PurchaseCsvGenerator _generator;
    private readonly long _rows;

    public PurchaseCsvContent(PurchaseCsvGenerator generator, long rows)
    {
        _generator = generator;
        _rows = rows;
        Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
    }

    public long FirstByteTimestamp { get; private set; }

    public long Bytes { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        FirstByteTimestamp = Stopwatch.GetTimestamp();
        var header = Encoding.UTF8.GetBytes(PurchaseCsvGenerator.Header);
        await stream.WriteAsync(header);
        Bytes += header.Length;
        var buffer = new byte[64 * 1024];
        await _generator.WriteAsync(_rows, buffer, async chunk =>
        {
            await stream.WriteAsync(chunk);
            Bytes += chunk.Length;
        });
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
