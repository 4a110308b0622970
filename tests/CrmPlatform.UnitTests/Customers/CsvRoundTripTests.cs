using System.Globalization;
using System.Text;
using CrmPlatform.Customers.Import;

namespace CrmPlatform.UnitTests.Customers;

public sealed class CsvRoundTripTests
{
    private static readonly string[] _awkwardValues =
    [
        "", " ", "  padded  ", "a,b", "a;b", "\"", "\"\"", "say \"hi\"", "\"quoted\"", "two\nlines", "two\r\nlines",
        "\r", "\n", "\r\n\r\n", "tab\tinside", "\ttab", "ção ñ ß 😀", "=1+2", "\uFEFFbom", ",", ",,,", "end\"",
    ];

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    public async Task Awkward_values_come_back_as_they_were_written(char separator)
    {
        List<string[]> records = [_awkwardValues, [""], ["only"], [.. Enumerable.Reverse(_awkwardValues)]];
        records.AddRange(_awkwardValues.Select(value => new[] { value }));
        records.AddRange(_awkwardValues.Select(value => new[] { value, value }));

        var read = await RoundTripAsync(records, separator);

        read.Select(record => record.Fields).ShouldBe(records);
    }

    [Fact]
    public async Task Line_numbers_account_for_line_ends_written_inside_fields()
    {
        string[][] records = [["a", "one\ntwo"], ["b", "x\r\ny\r\nz"], ["c", "\r"], ["d", "plain"]];

        var read = await RoundTripAsync(records, ',');

        read.Select(record => record.Line).ShouldBe([1L, 3, 6, 8]);
    }

    [Fact]
    public async Task Two_hundred_thousand_rows_are_read_back_exactly()
    {
        const int Rows = 200_000;
        using var stream = new MemoryStream();
        await using (var writer = new CsvWriter(stream, new CsvWriterOptions { WriteByteOrderMark = true }))
        {
            await writer.WriteHeaderAsync(["id", "name", "note"]);
            for (var i = 0; i < Rows; i++)
            {
                await writer.WriteRecordAsync(Row(i));
            }
        }

        stream.Position = 0;
        using var text = new StreamReader(stream, Encoding.UTF8);
        var reader = new CsvReader(text);
        (await reader.ReadAsync()).ShouldBeTrue();
        reader.Current.Fields.ShouldBe(["id", "name", "note"]);

        var count = 0;
        long expectedLine = 2;
        var mismatches = new List<string>();
        while (await reader.ReadAsync())
        {
            var record = reader.Current;
            var expected = Row(count);
            if (!record.IsValid || record.LineNumber != expectedLine || !record.Fields.SequenceEqual(expected))
            {
                mismatches.Add($"row {count} at line {record.LineNumber}: {record.Error ?? string.Join('|', record.Fields)}");
            }

            expectedLine += expected[2].Count(c => c == '\n') + 1;
            count++;
        }

        mismatches.ShouldBeEmpty();
        count.ShouldBe(Rows);
    }

    /// <summary>Every 1000th row has a two-line note, so line numbers drift from row numbers.</summary>
    private static string[] Row(int i) =>
    [
        i.ToString(CultureInfo.InvariantCulture),
        i % 7 == 0 ? $"Comércio \"{i}\", Ltda" : $"Customer {i}",
        i % 1000 == 0 ? "first line\r\nsecond line" : "",
    ];

    private static async Task<List<(long Line, string[] Fields)>> RoundTripAsync(IEnumerable<string[]> records, char separator)
    {
        var text = new StringWriter();
        await using (var writer = new CsvWriter(text, new CsvWriterOptions { Separator = separator }))
        {
            foreach (var record in records)
            {
                await writer.WriteRecordAsync(record);
            }
        }

        var read = new List<(long, string[])>();
        var reader = new CsvReader(new StringReader(text.ToString()), new CsvReaderOptions { Separator = separator });
        await foreach (var record in reader.ReadAllAsync())
        {
            record.Error.ShouldBeNull();
            read.Add((record.LineNumber, [.. record.Fields]));
        }

        return read;
    }
}
