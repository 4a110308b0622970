using CrmPlatform.Customers.Import;

namespace CrmPlatform.UnitTests.Customers;

/// <summary>Reads a whole CSV text into one line per record, short enough to compare in a test.</summary>
internal static class CsvReading
{
    /// <summary>"3: a|b" for a record at line 3 with fields a and b; "3! message" for an error.</summary>
    public static async Task<List<string>> ReadAsync(string text, CsvReaderOptions? options = null)
    {
        var reader = new CsvReader(new StringReader(text), options);
        var records = new List<string>();
        await foreach (var record in reader.ReadAllAsync())
        {
            records.Add(record.IsValid
                ? $"{record.LineNumber}: {string.Join('|', record.Fields)}"
                : $"{record.LineNumber}! {record.Error}");
        }

        return records;
    }

    /// <summary>Small buffers put chunk boundaries at every position of the tricky parts.</summary>
    public static TheoryData<int> BufferSizes => [1, 2, 3, 5, 8, 64, 16 * 1024];
}
