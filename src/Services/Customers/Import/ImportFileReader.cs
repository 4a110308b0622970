using System.Runtime.CompilerServices;
using System.Text;

namespace CrmPlatform.Customers.Import;

/// <summary>
/// Reads an uploaded import file as batches of <see cref="ImportRow"/>: the header first, then the data
/// lines. Problems no single row can see by itself (unreadable CSV, wrong number of cells, a tax id
/// repeated in the file) are attached to the row here; the rest is the validator's job.
/// </summary>
public sealed class ImportFileReader : IDisposable
{
    private readonly StreamReader _text;
    private readonly CsvReader _csv;
    private readonly Dictionary<CustomerKey, long> _firstLineOfKey = [];
    private string[]? _columns;

    public ImportFileReader(string path)
    {
        _text = new StreamReader(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: false);
        _csv = new CsvReader(_text);
    }

    /// <summary>Reads the header line; null with <paramref name="errors"/> saying what is wrong with it.</summary>
    public async Task<string[]?> ReadHeaderAsync(FieldErrors errors, CancellationToken cancellationToken)
    {
        if (!await _csv.ReadAsync(cancellationToken))
        {
            errors.Add("header", "The file is empty: the first line must name the columns.");
            return null;
        }

        if (!_csv.Current.IsValid)
        {
            errors.Add("header", $"Line {_csv.Current.LineNumber}: {_csv.Current.Error}.");
            return null;
        }

        return _columns = CustomerColumns.ReadHeader(_csv.Current.Fields, errors);
    }

    public async IAsyncEnumerable<List<ImportRow>> ReadBatchesAsync(int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var columns = _columns ?? throw new InvalidOperationException("Read the header first.");
        var batch = new List<ImportRow>(batchSize);
        while (await _csv.ReadAsync(cancellationToken))
        {
            batch.Add(RowOf(columns, _csv.Current));
            if (batch.Count == batchSize)
            {
                yield return batch;
                batch = new List<ImportRow>(batchSize);
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    public void Dispose() => _text.Dispose();

    private ImportRow RowOf(string[] columns, CsvRecord record)
    {
        var line = record.LineNumber;
        if (!record.IsValid)
        {
            return new ImportRow(line, [], null, [("row", $"Unreadable CSV: {record.Error}.")]);
        }

        if (record.Fields.Count != columns.Length)
        {
            return new ImportRow(line, [], null, [("row", $"Has {record.Fields.Count} cells; the header has {columns.Length}.")]);
        }

        var document = ImportRow.DocumentOf(columns, record.Fields);
        var key = ImportRow.KeyOf(document);
        if (key is { } known && !_firstLineOfKey.TryAdd(known, line))
        {
            return new ImportRow(line, document, key, [("taxId", $"Same tax id as line {_firstLineOfKey[known]}.")]);
        }

        return new ImportRow(line, document, key, []);
    }
}
