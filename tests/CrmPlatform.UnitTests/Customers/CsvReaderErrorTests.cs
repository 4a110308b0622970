using System.Globalization;
using CrmPlatform.Customers.Import;

namespace CrmPlatform.UnitTests.Customers;

public sealed class CsvReaderErrorTests
{
    private const string QuoteAdvice = "(quote the whole field and double the quote)";

    [Fact]
    public async Task An_unterminated_quoted_field_at_the_end_is_an_error_at_its_line() =>
        (await CsvReading.ReadAsync("a,b\nc,\"d")).ShouldBe(["1: a|b", "2! unterminated quoted field"]);

    [Fact]
    public async Task A_stray_opening_quote_costs_its_own_line_only() =>
        (await CsvReading.ReadAsync("name,city\n\"Acme,Paris\nBeta,Rome\nGamma,Oslo\n"))
            .ShouldBe(["1: name|city", "2! unterminated quoted field", "3: Beta|Rome", "4: Gamma|Oslo"]);

    [Fact]
    public async Task A_stray_quote_found_out_lines_later_is_reported_at_its_record_and_the_lines_between_are_read() =>
        (await CsvReading.ReadAsync("\"Acme,Paris\nBeta,Rome\nGamma,\"Oslo\"\nDelta,Lima\n")).ShouldBe([
            "1! text after the closing quote of field 1 (found on line 3)",
            "2: Beta|Rome",
            "3: Gamma|Oslo",
            "4: Delta|Lima",
        ]);

    [Theory]
    [InlineData("\"ab\"c,d\nx,y\n", 1)]
    [InlineData("a,\"b\" ,c\nx,y\n", 2)]
    public async Task Text_after_a_closing_quote_is_an_error_and_reading_goes_on_at_the_next_line(string text, int field) =>
        (await CsvReading.ReadAsync(text)).ShouldBe([$"1! text after the closing quote of field {field}", "2: x|y"]);

    [Theory]
    [InlineData("ab\"c,d\nx,y\n", 1)]
    [InlineData("a,5\" screen\r\nx,y", 2)]
    public async Task A_quote_inside_an_unquoted_field_is_an_error(string text, int field) =>
        (await CsvReading.ReadAsync(text)).ShouldBe([$"1! quote inside unquoted field {field} {QuoteAdvice}", "2: x|y"]);

    [Fact]
    public async Task A_field_longer_than_the_limit_is_an_error_whether_quoted_or_not()
    {
        var options = new CsvReaderOptions { MaxFieldLength = 5 };

        (await CsvReading.ReadAsync("12345,a\n123456,a\n\"12345\",\"123456\"\nok\n", options)).ShouldBe([
            "1: 12345|a",
            "2! field 1 is longer than 5 characters",
            "3! field 2 is longer than 5 characters",
            "4: ok",
        ]);
    }

    [Fact]
    public async Task The_length_limit_counts_unquoted_characters() =>
        (await CsvReading.ReadAsync("\"\"\"\"\"\",x\n", new CsvReaderOptions { MaxFieldLength = 2 })).ShouldBe(["1: \"\"|x"]);

    [Fact]
    public async Task More_fields_than_the_limit_is_an_error() =>
        (await CsvReading.ReadAsync("a,b,c\na,b,c,d\na,b,c,\nx\n", new CsvReaderOptions { MaxFieldsPerRecord = 3 }))
            .ShouldBe(["1: a|b|c", "2! more than 3 fields", "3! more than 3 fields", "4: x"]);

    [Fact]
    public async Task Errors_after_a_record_spanning_lines_name_the_physical_line() =>
        (await CsvReading.ReadAsync("\"a\nb\",c\n\"d\"x\n")).ShouldBe(["1: a\nb|c", "3! text after the closing quote of field 1"]);

    /// <summary>The price of resuming at a record's second line (see CsvScanner): a record that truly spans lines is reported again from there.</summary>
    [Fact]
    public async Task An_error_late_in_a_record_that_truly_spans_lines_is_reported_again_from_its_second_line() =>
        (await CsvReading.ReadAsync("\"a\nb\"x\nnext\n")).ShouldBe([
            "1! text after the closing quote of field 1 (found on line 2)",
            $"2! quote inside unquoted field 1 {QuoteAdvice}",
            "3: next",
        ]);

    [Fact]
    public async Task A_huge_line_is_refused_without_keeping_it() =>
        (await CsvReading.ReadAsync(new string('x', 1_000_000) + ",a\nok")).ShouldBe(["1! field 1 is longer than 4000 characters", "2: ok"]);

    [Fact]
    public async Task A_huge_quoted_field_left_open_is_refused_at_the_limit() =>
        (await CsvReading.ReadAsync("\"" + new string('x', 100_000) + "\nok\n")).ShouldBe(["1! field 1 is longer than 4000 characters", "2: ok"]);

    [Fact]
    public async Task A_line_of_a_million_fields_is_refused_at_the_limit() =>
        (await CsvReading.ReadAsync(string.Join(',', Enumerable.Repeat("a", 1_000_000)) + "\nok")).ShouldBe(["1! more than 100 fields", "2: ok"]);

    [Theory]
    [MemberData(nameof(CsvReading.BufferSizes), MemberType = typeof(CsvReading))]
    public async Task Every_error_is_reported_at_its_line_and_reading_goes_on(int bufferSize)
    {
        const string Text =
            "id,name\n" +
            "1,\"unterminated\n" +
            "2,ok\n" +
            "3,\"text\"after\n" +
            "4,quo\"te\n" +
            "5,\"multi\r\n" +
            "line\",fine\n" +
            "6,1234567890123456789012345678901\n" +
            "7,a,b,c\n" +
            "8,end\n" +
            "9,\"open";
        var options = new CsvReaderOptions { BufferSize = bufferSize, MaxFieldLength = 30, MaxFieldsPerRecord = 3 };

        (await CsvReading.ReadAsync(Text, options)).ShouldBe([
            "1: id|name",
            "2! text after the closing quote of field 2 (found on line 4)",
            "3: 2|ok",
            "4! text after the closing quote of field 2",
            $"5! quote inside unquoted field 2 {QuoteAdvice}",
            "6: 5|multi\r\nline|fine",
            "8! field 2 is longer than 30 characters",
            "9! more than 3 fields",
            "10: 8|end",
            "11! unterminated quoted field",
        ]);
    }

    /// <summary>Random garbage: never an exception, always the same records whatever the chunking, lines in order.</summary>
    [Fact]
    public async Task Any_input_is_read_to_the_end_the_same_way_whatever_the_buffer_size()
    {
        const string Alphabet = "ab,;\" \r\n";
        var random = new Random(4180);
        for (var i = 0; i < 2_000; i++)
        {
            var chars = new char[random.Next(80)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = Alphabet[random.Next(Alphabet.Length)];
            }

            var text = new string(chars);
            var options = new CsvReaderOptions { MaxFieldLength = 10, MaxFieldsPerRecord = 4 };

            var whole = await CsvReading.ReadAsync(text, options);
            var charByChar = await CsvReading.ReadAsync(text, options with { BufferSize = 1 });

            charByChar.ShouldBe(whole, text);
            var lines = whole.Select(record => long.Parse(record[..record.IndexOfAny([':', '!'])], CultureInfo.InvariantCulture)).ToList();
            lines.Zip(lines.Skip(1)).All(pair => pair.First < pair.Second).ShouldBeTrue(text);
        }
    }
}
