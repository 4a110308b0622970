using CrmPlatform.Customers.Search;
using CrmPlatform.ServiceDefaults.Api;

namespace CrmPlatform.UnitTests.Customers;

public sealed class SearchCursorTests
{
    [Fact]
    public void A_forged_time_cursor_with_an_offset_resumes_at_the_same_instant_in_utc()
    {
        // PostgreSQL's timestamptz parameters take offset 0 only: any other answered 500.
        var sort = new SearchSort(SearchSortKey.RegisteredAt, Descending: true);
        var cursor = PageCursor.Encode(sort.WireName, "filter", "2026-01-15T10:00:00.0000000+14:00", Guid.Empty);

        SearchCursor.TryDecode(cursor, sort, "filter", out var position, out _).ShouldBeTrue();

        position!.At!.Value.Offset.ShouldBe(TimeSpan.Zero);
        position.At.Value.ShouldBe(new DateTimeOffset(2026, 1, 14, 20, 0, 0, TimeSpan.Zero));
    }
}
