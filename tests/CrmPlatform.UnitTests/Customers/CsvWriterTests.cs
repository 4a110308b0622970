using System.Globalization;
using CrmPlatform.Customers.Import;

namespace CrmPlatform.UnitTests.Customers;

public sealed class CsvWriterTests
{
    private static async Task<string> WriteAsync(CsvWriterOptions? options, params IReadOnlyList<string?>[] records)
    {
        var text = new StringWriter();
        await using (var writer = new CsvWriter(text, options))
        {
            foreach (var record in records)
            {
                await writer.WriteRecordAsync(record);
            }
        }

        return text.ToString();
    }

    [Fact]
    public async Task Plain_fields_are_written_bare_with_crlf_line_ends() =>
        (await WriteAsync(null, ["a", "b c", "1.5"], ["d", "e", "f"])).ShouldBe("a,b c,1.5\r\nd,e,f\r\n");

    [Theory]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("\"", "\"\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("cr\r", "\"cr\r\"")]
    [InlineData(" lead", "\" lead\"")]
    [InlineData("trail ", "\"trail \"")]
    [InlineData("\ttab", "\"\ttab\"")]
    [InlineData("in side", "in side")]
    [InlineData("a;b", "a;b")]
    [InlineData("ção 😀", "ção 😀")]
    public async Task A_field_is_quoted_only_when_it_must_be(string value, string written) =>
        (await WriteAsync(null, [value, "x"])).ShouldBe($"{written},x\r\n");

    [Fact]
    public async Task With_a_semicolon_separator_commas_need_no_quotes_and_semicolons_do() =>
        (await WriteAsync(new CsvWriterOptions { Separator = ';' }, ["a,b", "c;d"])).ShouldBe("a,b;\"c;d\"\r\n");

    [Fact]
    public async Task Null_and_empty_fields_are_written_empty() =>
        (await WriteAsync(null, [null, "", "a", null])).ShouldBe(",,a,\r\n");

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_record_of_one_empty_field_is_quoted_so_that_it_is_not_a_blank_line(string? value) =>
        (await WriteAsync(null, [value])).ShouldBe("\"\"\r\n");

    [Fact]
    public async Task A_record_without_fields_is_refused()
    {
        await using var writer = new CsvWriter(new StringWriter());

        await Should.ThrowAsync<ArgumentException>(async () => await writer.WriteRecordAsync([]));
    }

    [Fact]
    public async Task The_header_is_the_first_line()
    {
        var text = new StringWriter();
        await using (var writer = new CsvWriter(text))
        {
            await writer.WriteHeaderAsync(["name", "tax id"]);
            await writer.WriteRecordAsync(["Acme", "11.222.333/0001-81"]);
        }

        text.ToString().ShouldBe("name,tax id\r\nAcme,11.222.333/0001-81\r\n");
    }

    [Fact]
    public async Task A_header_after_a_record_is_a_programming_error()
    {
        await using var writer = new CsvWriter(new StringWriter());
        await writer.WriteRecordAsync(["a"]);

        await Should.ThrowAsync<InvalidOperationException>(async () => await writer.WriteHeaderAsync(["name"]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task A_header_has_no_blank_names(string name)
    {
        await using var writer = new CsvWriter(new StringWriter());

        await Should.ThrowAsync<ArgumentException>(async () => await writer.WriteHeaderAsync(["id", name]));
    }

    [Fact]
    public async Task A_stream_gets_utf8_without_a_byte_order_mark_and_stays_open()
    {
        using var stream = new MemoryStream();
        await using (var writer = new CsvWriter(stream))
        {
            await writer.WriteRecordAsync(["João", "São Paulo"]);
        }

        stream.ToArray().ShouldBe("João,São Paulo\r\n"u8.ToArray());
        stream.CanWrite.ShouldBeTrue();
    }

    [Fact]
    public async Task A_byte_order_mark_is_written_when_asked_for_excel()
    {
        using var stream = new MemoryStream();
        await using (var writer = new CsvWriter(stream, new CsvWriterOptions { WriteByteOrderMark = true }))
        {
            await writer.WriteRecordAsync(["ç"]);
        }

        stream.ToArray().ShouldBe([0xEF, 0xBB, 0xBF, .. "ç\r\n"u8]);
    }

    [Fact]
    public async Task Records_reach_the_writer_in_chunks_and_all_of_them_on_flush()
    {
        var text = new StringWriter();
        var writer = new CsvWriter(text);
        for (var i = 0; i < 10_000; i++)
        {
            await writer.WriteRecordAsync([i.ToString(CultureInfo.InvariantCulture), "value"]);
        }

        text.GetStringBuilder().Length.ShouldBeGreaterThan(0);
        await writer.FlushAsync();

        var lines = text.ToString().Split("\r\n");
        lines.Length.ShouldBe(10_001);
        lines[9_999].ShouldBe("9999,value");
        lines[^1].ShouldBeEmpty();
    }

    [Fact]
    public async Task Disposing_twice_is_harmless()
    {
        using var stream = new MemoryStream();
        var writer = new CsvWriter(stream);
        await writer.WriteRecordAsync(["a"]);

        await writer.DisposeAsync();
        await writer.DisposeAsync();

        stream.ToArray().ShouldBe("a\r\n"u8.ToArray());
    }

    [Fact]
    public void Only_comma_and_semicolon_are_separators() =>
        Should.Throw<ArgumentException>(() => new CsvWriter(new StringWriter(), new CsvWriterOptions { Separator = '\t' }));

    [Fact]
    public async Task The_callers_text_writer_is_flushed_but_not_disposed()
    {
        var text = new StringWriter();
        await using (var writer = new CsvWriter(text))
        {
            await writer.WriteRecordAsync(["a"]);
        }

        await text.WriteAsync("still open");
        text.ToString().ShouldBe("a\r\nstill open");
    }
}
