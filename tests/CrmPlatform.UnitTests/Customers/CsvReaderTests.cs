using System.Text;
using CrmPlatform.Customers.Import;

namespace CrmPlatform.UnitTests.Customers;

public sealed class CsvReaderTests
{
    [Theory]
    [InlineData("a,b\nc,d\n")]
    [InlineData("a,b\r\nc,d\r\n")]
    [InlineData("a,b\rc,d\r")]
    [InlineData("a,b\nc,d")]
    public async Task Records_end_at_any_kind_of_line_end_and_a_final_one_is_optional(string text) =>
        (await CsvReading.ReadAsync(text)).ShouldBe(["1: a|b", "2: c|d"]);

    [Fact]
    public async Task Blank_lines_are_skipped_but_counted() =>
        (await CsvReading.ReadAsync("a\n\n\nb\r\n\r\nc\r\rd\n\n")).ShouldBe(["1: a", "4: b", "6: c", "8: d"]);

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("\r\n\r\n\n")]
    [InlineData("\uFEFF")]
    public async Task Input_without_records_gives_none(string text) =>
        (await CsvReading.ReadAsync(text)).ShouldBeEmpty();

    [Fact]
    public async Task Quoted_fields_may_hold_separators_and_doubled_quotes() =>
        (await CsvReading.ReadAsync("\"a,b\",\"say \"\"hi\"\"\",c,\"\"\"\"\n")).ShouldBe(["1: a,b|say \"hi\"|c|\""]);

    [Fact]
    public async Task Quoted_fields_may_hold_line_ends_which_count_as_lines()
    {
        var reader = new CsvReader(new StringReader("1,\"x\ny\r\nz\rw\",2\n3,\"\"\n\"\r\n\"\n4"));

        (await reader.ReadAsync()).ShouldBeTrue();
        reader.Current.LineNumber.ShouldBe(1);
        reader.Current.Fields.ShouldBe(["1", "x\ny\r\nz\rw", "2"]);
        (await reader.ReadAsync()).ShouldBeTrue();
        reader.Current.LineNumber.ShouldBe(5);
        reader.Current.Fields.ShouldBe(["3", ""]);
        (await reader.ReadAsync()).ShouldBeTrue();
        reader.Current.LineNumber.ShouldBe(6);
        reader.Current.Fields.ShouldBe(["\r\n"]);
        (await reader.ReadAsync()).ShouldBeTrue();
        reader.Current.LineNumber.ShouldBe(8);
        reader.Current.Fields.ShouldBe(["4"]);
        (await reader.ReadAsync()).ShouldBeFalse();
    }

    [Theory]
    [InlineData(",,\n", new[] { "", "", "" })]
    [InlineData("a,\n", new[] { "a", "" })]
    [InlineData("a,", new[] { "a", "" })]
    [InlineData("\"\"", new[] { "" })]
    [InlineData("\"a\"", new[] { "a" })]
    [InlineData("\"a\",", new[] { "a", "" })]
    [InlineData(" a , b ", new[] { " a ", " b " })]
    public async Task Empty_and_padded_fields_are_kept_as_they_are(string text, string[] fields)
    {
        var reader = new CsvReader(new StringReader(text));

        (await reader.ReadAsync()).ShouldBeTrue();
        reader.Current.Fields.ShouldBe(fields);
        (await reader.ReadAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task A_byte_order_mark_is_dropped_at_the_start_only() =>
        (await CsvReading.ReadAsync("\uFEFFa,b\n\uFEFFc\n")).ShouldBe(["1: a|b", "2: \uFEFFc"]);

    [Fact]
    public async Task A_byte_order_mark_is_dropped_when_decoding_bytes_too()
    {
        var bytes = "\uFEFFnome,cidade\nJoão,São Paulo\n"u8.ToArray();
        using var text = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        var reader = new CsvReader(text);

        (await reader.ReadAsync()).ShouldBeTrue();
        reader.Current.Fields.ShouldBe(["nome", "cidade"]);
        (await reader.ReadAsync()).ShouldBeTrue();
        reader.Current.Fields.ShouldBe(["João", "São Paulo"]);
    }

    [Fact]
    public async Task A_semicolon_separator_leaves_commas_alone() =>
        (await CsvReading.ReadAsync("a;b,c;\"d;e\"\n", new CsvReaderOptions { Separator = ';' })).ShouldBe(["1: a|b,c|d;e"]);

    [Theory]
    [MemberData(nameof(CsvReading.BufferSizes), MemberType = typeof(CsvReading))]
    public async Task Chunk_boundaries_can_fall_anywhere(int bufferSize)
    {
        const string Text = "\uFEFFid,\"note\"\r\n\r\n1,\"a \"\"b\"\"\r\nc\",\"\"\r\n2,plain,,\"x,y\"\n\n3,\"\"\"\"\r4,last";

        var records = await CsvReading.ReadAsync(Text, new CsvReaderOptions { BufferSize = bufferSize });

        records.ShouldBe(["1: id|note", "3: 1|a \"b\"\r\nc|", "5: 2|plain||x,y", "7: 3|\"", "8: 4|last"]);
    }

    [Fact]
    public async Task The_current_record_is_one_instance_refilled_by_each_read_while_its_strings_stay_valid()
    {
        var reader = new CsvReader(new StringReader("a,b\nc,d\n"));
        await reader.ReadAsync();
        var first = reader.Current;
        string[] kept = [.. first.Fields];

        await reader.ReadAsync();

        reader.Current.ShouldBeSameAs(first);
        first.Fields.ShouldBe(["c", "d"]);
        kept.ShouldBe(["a", "b"]);
    }

    [Theory]
    [InlineData('\t')]
    [InlineData('|')]
    [InlineData('"')]
    public void Only_comma_and_semicolon_are_separators(char separator) =>
        Should.Throw<ArgumentException>(() => new CsvReader(new StringReader(""), new CsvReaderOptions { Separator = separator }));

    [Fact]
    public void Limits_must_be_positive()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new CsvReader(new StringReader(""), new CsvReaderOptions { MaxFieldLength = 0 }));
        Should.Throw<ArgumentOutOfRangeException>(() => new CsvReader(new StringReader(""), new CsvReaderOptions { MaxFieldsPerRecord = 0 }));
        Should.Throw<ArgumentOutOfRangeException>(() => new CsvReader(new StringReader(""), new CsvReaderOptions { BufferSize = 0 }));
    }

    [Fact]
    public async Task Cancellation_is_honoured_when_the_reader_has_to_wait_for_input()
    {
        var reader = new CsvReader(new StringReader("a\n"));

        await Should.ThrowAsync<OperationCanceledException>(async () => await reader.ReadAsync(new CancellationToken(canceled: true)));
    }
}
