using System.Diagnostics;

namespace CrmPlatform.Customers.Import;

/// <summary>
/// The characters read but not yet scanned. While a capture is on (a record that has run past its first line),
/// it also keeps everything since the capture started, so that after an error the scanner can rewind and read
/// those lines again as records of their own.
/// </summary>
/// <remarks>
/// The capture is bounded by the record limits: a field cannot outgrow its maximum length nor a record its
/// maximum field count without the record failing and the capture ending.
/// </remarks>
internal sealed class CsvInputBuffer(int chunkSize)
{
    private const char ByteOrderMark = '\uFEFF';

    private readonly CharBuffer _capturedBeforeRefill = new();
    private char[] _chars = new char[chunkSize];
    private int _position;
    private int _end;
    private int _captureStart = -1;
    private bool _atStartOfInput = true;

    public ReadOnlySpan<char> Unread => _chars.AsSpan(_position, _end - _position);

    public bool IsEmpty => _position == _end;

    public bool IsCapturing => _captureStart >= 0;

    public void Advance(int count) => _position += count;

    public void StartCapture() => _captureStart = _position;

    public void StopCapture()
    {
        _captureStart = -1;
        _capturedBeforeRefill.Clear();
    }

    /// <summary>Makes everything captured unread again, then stops capturing.</summary>
    public void RewindToCapture()
    {
        Debug.Assert(IsCapturing, "Only a capture can be rewound to.");
        if (_capturedBeforeRefill.Length == 0)
        {
            _position = _captureStart;
        }
        else
        {
            var tail = _chars.AsSpan(_captureStart, _end - _captureStart);
            var length = _capturedBeforeRefill.Length + tail.Length;
            var merged = new char[Math.Max(length, chunkSize)];
            _capturedBeforeRefill.AsSpan().CopyTo(merged);
            tail.CopyTo(merged.AsSpan(_capturedBeforeRefill.Length));
            _chars = merged;
            _position = 0;
            _end = length;
        }

        StopCapture();
    }

    /// <summary>Where the next chunk goes; only once everything unread has been scanned.</summary>
    public Memory<char> PrepareRefill()
    {
        Debug.Assert(IsEmpty, "A refill would overwrite unread characters.");
        if (IsCapturing)
        {
            _capturedBeforeRefill.Append(_chars.AsSpan(_captureStart, _end - _captureStart));
            _captureStart = 0;
        }
        else if (_chars.Length > chunkSize)
        {
            // A rewind made the buffer bigger; it is not needed any more.
            _chars = new char[chunkSize];
        }

        _position = 0;
        _end = 0;
        return _chars;
    }

    public void Refilled(int count)
    {
        _end = count;
        if (_atStartOfInput && count > 0)
        {
            _atStartOfInput = false;
            if (_chars[0] == ByteOrderMark)
            {
                _position = 1;
            }
        }
    }
}
