using CrmPlatform.Interactions.InteractionLog;
using CrmPlatform.ServiceDefaults.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CrmPlatform.UnitTests.ServiceDefaults;

public sealed class ApiConventionTests
{
    [Fact]
    public void Wire_names_are_snake_case_and_parse_only_in_that_form()
    {
        InteractionChannel.InPerson.ToWireName().ShouldBe("in_person");
        WireNames.TryParse<InteractionChannel>("in_person", out var channel).ShouldBeTrue();
        channel.ShouldBe(InteractionChannel.InPerson);
        WireNames.TryParse<InteractionChannel>("InPerson", out _).ShouldBeFalse();
        WireNames.TryParse<InteractionChannel>("2", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("2026-11-23T10:00:00Z", true)]
    [InlineData("2026-11-23T10:00:00-03:00", true)]
    [InlineData("2026-11-23", true)]
    [InlineData("2026-11-23T10:00:00", false)]
    [InlineData("23/11/2026", false)]
    [InlineData("", false)]
    public void Times_need_an_offset_or_are_a_date(string value, bool valid) =>
        Times.TryParse(value, out _).ShouldBe(valid);

    [Fact]
    public void A_cursor_round_trips_and_refuses_edits_other_sorts_and_other_filters()
    {
        var id = Guid.NewGuid();
        var cursor = PageCursor.Encode("-occurredAt", "customer=1", "2026-11-23T10:00:00.0000000+00:00", id);

        PageCursor.TryDecode(cursor, "-occurredAt", "customer=1", out var last, out _).ShouldBeTrue();
        last.ShouldBe(("2026-11-23T10:00:00.0000000+00:00", id));
        PageCursor.TryDecode(cursor, "dueAt", "customer=1", out _, out var sortError).ShouldBeFalse();
        sortError.ShouldContain("sorted by");
        PageCursor.TryDecode(cursor, "-occurredAt", "customer=2", out _, out var filterError).ShouldBeFalse();
        filterError.ShouldContain("other filters");
        PageCursor.TryDecode("x" + cursor[1..], "-occurredAt", "customer=1", out _, out _).ShouldBeFalse();
    }

    [Fact]
    public void A_query_reader_names_every_bad_parameter()
    {
        var query = new QueryCollection(new Dictionary<string, StringValues>
        {
            ["limit"] = "500",
            ["from"] = "yesterday",
            ["type"] = new(["call", "fax"]),
            ["colour"] = "red",
            ["customerId"] = new(["a", "b"]),
        });
        var reader = new QueryReader(query, ["from", "customerId"], ["type"]);

        reader.Limit();
        reader.Time("from");
        reader.Enums<InteractionType>("type");

        reader.Errors.ToDictionary().Keys.ShouldBe(["limit", "from", "type", "colour", "customerId"], ignoreOrder: true);
    }
}
