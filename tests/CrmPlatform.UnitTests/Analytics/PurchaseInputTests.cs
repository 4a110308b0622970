using System.Text.Json.Nodes;
using CrmPlatform.Analytics.Purchases;
using CrmPlatform.ServiceDefaults.Api;

namespace CrmPlatform.UnitTests.Analytics;

public sealed class PurchaseInputTests
{
    private static readonly DateTimeOffset _now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static (PurchaseInput? Input, FieldErrors Errors) Read(string json)
    {
        var errors = new FieldErrors();
        return (PurchaseInput.Read(JsonNode.Parse(json), _now, errors), errors);
    }

    private static string Row(string extra = "") =>
        $$"""{ "purchaseId": "NF-1", "customerId": "0195f3a0-0000-7000-8000-000000000001", "occurredAt": "2026-11-20T10:00:00-03:00", "amount": 100.5, "currency": "BRL"{{extra}} }""";

    [Fact]
    public void A_complete_row_is_read_with_its_time_in_utc_and_optional_fields()
    {
        var (input, errors) = Read(Row(""", "discountAmount": 10, "costAmount": 60, "itemCount": 2, "channel": " store ", "paymentMethod": "pix" """));
        errors.Any.ShouldBeFalse(string.Join("; ", errors.ToDictionary().Keys));
        input!.OccurredAt.ShouldBe(new DateTimeOffset(2026, 11, 20, 13, 0, 0, TimeSpan.Zero));
        input.Amount.ShouldBe(100.5m);
        input.DiscountAmount.ShouldBe(10m);
        input.Channel.ShouldBe("store");
    }

    [Theory]
    [InlineData("amount", "-0.01")]
    [InlineData("amount", "1.00001")]
    [InlineData("amount", "\"100\"")]
    [InlineData("amount", "null")]
    [InlineData("currency", "\"brl\"")]
    [InlineData("currency", "\"BRR\"")]
    [InlineData("currency", "null")]
    [InlineData("discountAmount", "100.51")]
    [InlineData("discountAmount", "-1")]
    [InlineData("costAmount", "-1")]
    [InlineData("itemCount", "-1")]
    [InlineData("itemCount", "1.5")]
    [InlineData("occurredAt", "\"2026-11-20T10:00:00\"")]
    [InlineData("occurredAt", "\"2026-11-20\"")]
    [InlineData("occurredAt", "\"2026-11-24T12:00:00Z\"")]
    [InlineData("occurredAt", "\"1899-12-31T23:00:00Z\"")]
    [InlineData("customerId", "\"42\"")]
    [InlineData("customerId", "\"00000000-0000-0000-0000-000000000000\"")]
    [InlineData("purchaseId", "\"  \"")]
    [InlineData("purchaseId", "7")]
    [InlineData("channel", "\"a\\u0001b\"")]
    [InlineData("total", "3")]
    public void A_bad_field_is_named(string field, string value)
    {
        var row = JsonNode.Parse(Row())!.AsObject();
        row[field] = JsonNode.Parse(value);
        var errors = new FieldErrors();
        PurchaseInput.Read(row, _now, errors).ShouldBeNull();
        errors.ToDictionary().Keys.ShouldBe([field]);
    }

    [Fact]
    public void A_discount_equal_to_the_amount_is_a_free_purchase_and_allowed() =>
        Read(Row(""", "discountAmount": 100.5""")).Input.ShouldNotBeNull();

    [Fact]
    public void A_row_that_is_not_an_object_is_rejected_as_a_row()
    {
        var errors = new FieldErrors();
        PurchaseInput.Read(JsonNode.Parse("42"), _now, errors).ShouldBeNull();
        errors.Has("row").ShouldBeTrue();
    }

    [Fact]
    public void Every_missing_required_field_is_named_at_once()
    {
        var (input, errors) = Read("{}");
        input.ShouldBeNull();
        errors.ToDictionary().Keys.ShouldBe(["purchaseId", "customerId", "occurredAt", "amount", "currency"], ignoreOrder: true);
    }
}

public sealed class CsvLineTests
{
    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData("a,,", new[] { "a", "", "" })]
    [InlineData("\"web, mobile\",x", new[] { "web, mobile", "x" })]
    [InlineData("\"say \"\"hi\"\"\",\"\"", new[] { "say \"hi\"", "" })]
    [InlineData("", new[] { "" })]
    public void Fields_are_split_with_rfc_4180_quoting(string line, string[] fields) =>
        CsvLine.Split(line, out _).ShouldBe(fields);

    [Theory]
    [InlineData("\"open,b")]
    [InlineData("\"closed\"x,b")]
    [InlineData("in\"side,b")]
    public void A_malformed_line_is_reported_not_guessed(string line)
    {
        CsvLine.Split(line, out var error).ShouldBeNull();
        error.ShouldNotBeNullOrEmpty();
    }
}
