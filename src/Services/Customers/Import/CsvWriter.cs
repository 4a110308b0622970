using System.Buffers;
using System.Text;

namespace CrmPlatform.Customers.Import;

/// <summary>
/// Writes RFC 4180 records: a field is quoted only when it must be (separator, quote, CR, LF, or a leading or
/// trailing space or tab, which some readers would trim), lines end in CRLF.
/// </summary>
/// <remarks>
/// Records are gathered in memory and handed to the <see cref="TextWriter"/> in chunks, so writing a record
/// rarely awaits. Call <see cref="FlushAsync"/> or dispose to push out the rest.
/// </remarks>
public sealed class CsvWriter : IAsyncDisposable
{
    private const int ChunkSize = 16 * 1024;

    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;
    private readonly char _separator;
    private readonly SearchValues<char> _charactersToQuote;
    private readonly CharBuffer _pending = new();
    private bool _anyRecordWritten;
    private bool _disposed;

    /// <summary>Writes to <paramref name="writer"/>, which stays the caller's to dispose.</summary>
    public CsvWriter(TextWriter writer, CsvWriterOptions? options = null)
    {
        options ??= new CsvWriterOptions();
        CsvSeparator.EnsureSupported(options.Separator);
        _writer = writer;
        _separator = options.Separator;
        _charactersToQuote = SearchValues.Create([_separator, '"', '\r', '\n']);
        if (options.WriteByteOrderMark)
        {
            _pending.Append('\uFEFF');
        }
    }

    /// <summary>Writes UTF-8 to <paramref name="stream"/>, which is left open.</summary>
    public CsvWriter(Stream stream, CsvWriterOptions? options = null)
        : this(new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), ChunkSize, leaveOpen: true), options) =>
        _ownsWriter = true;

    /// <summary>Writes the column names as the first line.</summary>
    /// <exception cref="InvalidOperationException">A record was written already.</exception>
    public ValueTask WriteHeaderAsync(IReadOnlyList<string> columnNames, CancellationToken cancellationToken = default)
    {
        if (_anyRecordWritten)
        {
            throw new InvalidOperationException("The header must be the first line.");
        }

        foreach (var name in columnNames)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(columnNames));
        }

        return WriteRecordAsync(columnNames, cancellationToken);
    }

    /// <summary>Writes one record; a null field is written as an empty one.</summary>
    public ValueTask WriteRecordAsync(IReadOnlyList<string?> fields, CancellationToken cancellationToken = default)
    {
        if (fields.Count == 0)
        {
            throw new ArgumentException("A record needs at least one field.", nameof(fields));
        }

        if (fields.Count == 1 && string.IsNullOrEmpty(fields[0]))
        {
            // Written bare it would be a blank line, which readers skip.
            _pending.Append("\"\"");
        }
        else
        {
            for (var i = 0; i < fields.Count; i++)
            {
                if (i > 0)
                {
                    _pending.Append(_separator);
                }

                AppendField(fields[i]);
            }
        }

        _pending.Append("\r\n");
        _anyRecordWritten = true;
        return _pending.Length >= ChunkSize ? WritePendingAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    /// <summary>Writes out everything gathered and flushes the <see cref="TextWriter"/>.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        await WritePendingAsync(cancellationToken);
        await _writer.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await FlushAsync();
        if (_ownsWriter)
        {
            await _writer.DisposeAsync();
        }
    }

    private void AppendField(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (!MustBeQuoted(value))
        {
            _pending.Append(value);
            return;
        }

        _pending.Append('"');
        var rest = value.AsSpan();
        for (var quote = rest.IndexOf('"'); quote >= 0; quote = rest.IndexOf('"'))
        {
            _pending.Append(rest[..(quote + 1)]);
            _pending.Append('"');
            rest = rest[(quote + 1)..];
        }

        _pending.Append(rest);
        _pending.Append('"');
    }

    private bool MustBeQuoted(string value) =>
        value.AsSpan().ContainsAny(_charactersToQuote)
        || value[0] is ' ' or '\t'
        || value[^1] is ' ' or '\t';

    private async ValueTask WritePendingAsync(CancellationToken cancellationToken)
    {
        if (_pending.Length == 0)
        {
            return;
        }

        await _writer.WriteAsync(_pending.AsMemory(), cancellationToken);
        _pending.Clear();
    }
}
