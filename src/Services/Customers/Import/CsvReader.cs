using System.Runtime.CompilerServices;

namespace CrmPlatform.Customers.Import;

/// <summary>
/// Streams RFC 4180 records from a <see cref="TextReader"/>: quoted fields with doubled quotes, separators and
/// line ends inside quotes, CRLF/LF/CR line ends, a leading BOM dropped, blank lines skipped (but counted).
/// </summary>
/// <remarks>
/// <para>Malformed input never throws: the record comes back with <see cref="CsvRecord.Error"/> set and reading
/// goes on at the next line. Only the reader's own exceptions (I/O, cancellation) escape.</para>
/// <para><see cref="Current"/> is one instance refilled by each read (see <see cref="CsvRecord"/>). The
/// <see cref="TextReader"/> stays the caller's to dispose.</para>
/// </remarks>
public sealed class CsvReader
{
    private readonly TextReader _reader;
    private readonly CsvInputBuffer _input;
    private readonly CsvScanner _scanner;
    private bool _inputEnded;

    public CsvReader(TextReader reader, CsvReaderOptions? options = null)
    {
        options ??= new CsvReaderOptions();
        CsvSeparator.EnsureSupported(options.Separator);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFieldLength, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFieldsPerRecord, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BufferSize, 1, nameof(options));

        _reader = reader;
        _input = new CsvInputBuffer(options.BufferSize);
        _scanner = new CsvScanner(_input, options);
    }

    /// <summary>The record of the last read that returned true; refilled by the next read.</summary>
    public CsvRecord Current => _scanner.Record;

    /// <summary>Moves to the next record; false at the end of the input.</summary>
    public ValueTask<bool> ReadAsync(CancellationToken cancellationToken = default) =>
        _scanner.TryReadRecord() ? new ValueTask<bool>(true) : ReadAfterRefillAsync(cancellationToken);

    /// <summary>The records one by one; each is <see cref="Current"/>, so the same instance every time.</summary>
    public async IAsyncEnumerable<CsvRecord> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReadAsync(cancellationToken))
        {
            yield return Current;
        }
    }

    /// <summary>The slow path, once per chunk: the buffered input is used up.</summary>
    private async ValueTask<bool> ReadAfterRefillAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_inputEnded)
            {
                if (_scanner.TryCompleteAtEnd())
                {
                    return true;
                }

                // Completing may rewind after an error, which gives the scanner input again.
                if (_input.IsEmpty)
                {
                    return false;
                }
            }
            else
            {
                var read = await _reader.ReadAsync(_input.PrepareRefill(), cancellationToken);
                _input.Refilled(read);
                _inputEnded = read == 0;
            }

            if (_scanner.TryReadRecord())
            {
                return true;
            }
        }
    }
}
