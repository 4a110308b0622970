using System.Net;
using CrmPlatform.IntegrationTests.Infrastructure;

namespace CrmPlatform.IntegrationTests.ServiceDesk;

[Collection(SuiteCollection.Name)]
public sealed class SatisfactionTests(Suite suite)
{
    private readonly DeskClient _desk = new(suite);

    [Fact]
    public async Task Csat_is_rated_once_on_a_resolved_ticket_and_published()
    {
        var (customer, _) = await _desk.CustomerAsync();
        var ticket = await _desk.OpenAsync(customer);
        var path = $"/api/tickets/{ticket.GetProperty("id").GetGuid()}";

        (await _desk.SendAsync(HttpMethod.Post, path + "/satisfaction", """{ "rating": 5 }""")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await _desk.SendAsync(HttpMethod.Post, path + "/status", """{ "status": "resolved" }""");
        var outOfRange = await _desk.SendAsync(HttpMethod.Post, path + "/satisfaction", """{ "rating": 6 }""");
        var rated = await _desk.SendAsync(HttpMethod.Post, path + "/satisfaction", """{ "rating": 4, "comment": "Quick, but the box was damaged." }""");
        var twice = await _desk.SendAsync(HttpMethod.Post, path + "/satisfaction", """{ "rating": 5 }""");

        outOfRange.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await DeskClient.OkAsync(rated)).GetProperty("satisfaction").GetProperty("rating").GetInt32().ShouldBe(4);
        twice.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Customers.PortfolioClient.ProblemAsync(twice)).GetProperty("errors").TryGetProperty("rating", out _).ShouldBeTrue();
        (await _desk.EventsAsync(customer)).Count(e => e == "SatisfactionRated").ShouldBe(1);
    }

    [Fact]
    public async Task Nps_answers_are_recorded_published_and_summarised()
    {
        var (customer, contacts) = await _desk.CustomerAsync(contacts: 1);

        foreach (var score in new[] { 10, 9, 8, 3 })
        {
            (await _desk.PostAsync("/api/surveys/nps", new { customerId = customer, contactId = contacts[0], score })).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        (await _desk.PostAsync("/api/surveys/nps", new { customerId = customer, score = 11 })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await _desk.PostAsync("/api/surveys/nps", new { customerId = Guid.NewGuid(), score = 7 })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var page = await DeskClient.OkAsync(await _desk.SendAsync(HttpMethod.Get, $"/api/surveys/nps?customerId={customer}"));

        var summary = page.GetProperty("summary");
        summary.GetProperty("responses").GetInt32().ShouldBe(4);
        summary.GetProperty("nps").GetDouble().ShouldBe(25); // 2 promoters − 1 detractor of 4
        page.GetProperty("items")[0].GetProperty("category").GetString().ShouldBe("detractor");
        (await _desk.EventsAsync(customer)).Count(e => e == "NpsResponded").ShouldBe(4);
    }
}
