using System.Net;
using CrmPlatform.IntegrationTests.Infrastructure;

namespace CrmPlatform.IntegrationTests.ServiceDesk;

[Collection(SuiteCollection.Name)]
public sealed class CalendarAndPolicyTests(Suite suite)
{
    private readonly DeskClient _desk = new(suite);

    [Theory]
    [InlineData("""{ "name": "X1", "timeZone": "Mars/Olympus", "hours": { "monday": [{ "start": "09:00", "end": "18:00" }] } }""", "timeZone")]
    [InlineData("""{ "name": "X2", "timeZone": "Europe/Bucharest", "hours": { "monday": [{ "start": "09:00", "end": "12:00" }, { "start": "11:00", "end": "18:00" }] } }""", "hours.monday[1]")]
    [InlineData("""{ "name": "X3", "timeZone": "Europe/Bucharest", "hours": { "funday": [] } }""", "hours.funday")]
    [InlineData("""{ "name": "X4", "timeZone": "Europe/Bucharest", "hours": { "monday": [{ "start": "9am", "end": "18:00" }] } }""", "hours.monday[0]")]
    [InlineData("""{ "name": "X5", "timeZone": "Europe/Bucharest", "hours": { "monday": [] } }""", "hours")]
    [InlineData("""{ "name": "X6", "timeZone": "Europe/Bucharest", "hours": { "monday": [{ "start": "09:00", "end": "18:00" }] }, "holidays": ["2026-13-01"] }""", "holidays[0]")]
    public async Task A_bad_calendar_is_a_422_naming_the_field(string body, string field)
    {
        var response = await _desk.SendAsync(HttpMethod.Post, "/api/business-calendars", body);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Customers.PortfolioClient.ProblemAsync(response)).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue((await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_calendar_is_created_read_and_replaced_with_if_match()
    {
        var name = "Bucuresti " + Guid.NewGuid().ToString("N")[..6];
        var created = await _desk.SendAsync(HttpMethod.Post, "/api/business-calendars",
            $$"""{ "name": "{{name}}", "timeZone": "Europe/Bucharest", "hours": { "friday": [{ "start": "13:00", "end": "17:00" }], "monday": [{ "start": "09:00", "end": "12:00" }, { "start": "12:00", "end": "18:00" }] }, "holidays": ["2026-12-25", "2026-12-01"] }""");
        var body = await DeskClient.OkAsync(created);
        body.GetProperty("hours").EnumerateObject().Select(p => p.Name).ShouldBe(["monday", "friday"]);
        body.GetProperty("holidays")[0].GetString().ShouldBe("2026-12-01");
        var path = created.Headers.Location!.ToString();

        (await _desk.SendAsync(HttpMethod.Put, path, $$"""{ "name": "{{name}}", "timeZone": "Europe/Bucharest", "hours": { "monday": [{ "start": "08:00", "end": "16:00" }] } }""")).StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        var replaced = await _desk.SendAsync(HttpMethod.Put, path, $$"""{ "name": "{{name}}", "timeZone": "Europe/Bucharest", "hours": { "monday": [{ "start": "08:00", "end": "16:00" }] } }""", created.Headers.ETag!.ToString());
        replaced.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _desk.SendAsync(HttpMethod.Post, "/api/business-calendars", $$"""{ "name": "{{name}}", "timeZone": "Europe/Bucharest", "hours": { "monday": [{ "start": "08:00", "end": "16:00" }] } }""")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_policy_needs_a_known_calendar_every_priority_and_its_own_scope()
    {
        await _desk.PolicyAsync();
        var unknownCalendar = await _desk.SendAsync(HttpMethod.Post, "/api/sla-policies",
            $$"""{ "name": "P-{{Guid.NewGuid():N}}", "calendarId": "{{Guid.NewGuid()}}", "targets": { "urgent": { "firstResponseMinutes": 15, "resolutionMinutes": 60 }, "high": { "firstResponseMinutes": 30, "resolutionMinutes": 120 }, "normal": { "firstResponseMinutes": 60, "resolutionMinutes": 480 }, "low": { "firstResponseMinutes": 240, "resolutionMinutes": 960 } } }""");
        var missingLow = await _desk.SendAsync(HttpMethod.Post, "/api/sla-policies",
            """{ "name": "P", "calendarId": "00000000-0000-0000-0000-000000000001", "targets": { "urgent": { "firstResponseMinutes": 15, "resolutionMinutes": 60 } }, "warningPercent": 120 }""");
        var policies = await suite.ServiceDesk.QueryAsync(db => Task.FromResult(db.SlaPolicies.Single(p => p.ForSegment == _desk.Segment)));
        var sameScope = await _desk.SendAsync(HttpMethod.Post, "/api/sla-policies",
            $$"""{ "name": "Other {{_desk.Segment}}", "calendarId": "{{policies.CalendarId}}", "appliesTo": { "segment": "{{_desk.Segment}}" }, "targets": { "urgent": { "firstResponseMinutes": 15, "resolutionMinutes": 60 }, "high": { "firstResponseMinutes": 30, "resolutionMinutes": 120 }, "normal": { "firstResponseMinutes": 60, "resolutionMinutes": 480 }, "low": { "firstResponseMinutes": 240, "resolutionMinutes": 960 } } }""");

        unknownCalendar.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var errors = (await Customers.PortfolioClient.ProblemAsync(missingLow)).GetProperty("errors");
        errors.TryGetProperty("targets.low", out _).ShouldBeTrue();
        errors.TryGetProperty("warningPercent", out _).ShouldBeTrue();
        sameScope.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}
