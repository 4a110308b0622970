using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CrmPlatform.UnitTests.ServiceDefaults;

/// <summary>Input the OpenAPI fuzz (IntegrationTests/Fuzzing) found answered 500, or a problem clients misread.</summary>
public sealed class BadInputTests
{
    [Fact]
    public void A_cursor_time_with_any_offset_is_read_in_utc()
    {
        Times.TryFromCursor("2026-01-15T10:00:00.0000000+14:00", out var at).ShouldBeTrue();

        at.Offset.ShouldBe(TimeSpan.Zero);
        at.ShouldBe(new DateTimeOffset(2026, 1, 14, 20, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("0001-01-01", false)]
    [InlineData("1899-12-31T23:59:59Z", false)]
    [InlineData("1900-01-01", true)]
    [InlineData("2999-12-31T23:59:59Z", true)]
    [InlineData("9999-12-31T23:59:59Z", false)]
    public void A_query_time_is_from_1900_and_before_3000(string value, bool valid)
    {
        var reader = new QueryReader(new QueryCollection(new Dictionary<string, StringValues> { ["from"] = value }), ["from"]);

        (reader.Time("from") is not null).ShouldBe(valid);
        reader.Errors.Has("from").ShouldBe(!valid);
    }

    [Fact]
    public void A_conflict_cannot_carry_an_extension_named_like_a_standard_member()
    {
        // A second "status" member ("completed" after 409) made clients read the wrong one.
        Should.Throw<ArgumentException>(() => Problems.Conflict("closed", "Closed.", "Closed.", new Dictionary<string, object?> { ["status"] = "completed" }));
        Problems.Conflict("closed", "Closed.", "Closed.", new Dictionary<string, object?> { ["currentStatus"] = "completed" }).StatusCode.ShouldBe(409);
    }
}
