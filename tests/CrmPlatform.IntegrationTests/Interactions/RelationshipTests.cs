using CrmPlatform.IntegrationTests.Infrastructure;

namespace CrmPlatform.IntegrationTests.Interactions;

[Collection(SuiteCollection.Name)]
public sealed class RelationshipTests(Suite suite)
{
    private readonly RelationsClient _api = new(suite);

    [Fact]
    public async Task Relationship_signals_show_last_contact_people_reached_outcomes_and_promises()
    {
        var (customer, contacts) = await _api.KnownCustomerAsync(("Maria", "decision_maker"), ("Pedro", "buyer"));
        var now = DateTimeOffset.UtcNow;
        await _api.LogAsync(customer, new { occurredAt = now.AddDays(-200), contactIds = new List<Guid> { contacts[0] }, outcome = "positive" });
        await _api.LogAsync(customer, new { occurredAt = now.AddDays(-20), contactIds = new List<Guid> { contacts[1] }, outcome = "negative" });
        await _api.LogAsync(customer, new { occurredAt = now.AddDays(-3), type = "message", channel = "whatsapp", direction = "inbound", contactIds = new List<Guid> { contacts[1] }, outcome = "positive" });
        await _api.LogAsync(customer, new { occurredAt = now.AddHours(-1), type = "note", direction = (string?)null });
        await _api.PostAsync("/api/commitments", new { customerId = customer, description = "Price list", dueAt = now.AddDays(1) });

        var signals = await _api.GetJsonAsync($"/api/customers/{customer}/relationship");

        var last = signals.GetProperty("lastContact");
        last.GetProperty("type").GetString().ShouldBe("message"); // the note is not contact with the customer
        last.GetProperty("channel").GetString().ShouldBe("whatsapp");
        signals.GetProperty("daysSinceLastContact").GetInt32().ShouldBe(3);
        var reached = signals.GetProperty("contactsReached").EnumerateArray().ToList();
        reached.Single().GetProperty("name").GetString().ShouldBe("Pedro");
        reached.Single().GetProperty("interactions").GetInt32().ShouldBe(2);
        signals.GetProperty("decisionMakerReached").GetBoolean().ShouldBeFalse(); // Maria was reached 200 days ago
        var outcomes = signals.GetProperty("outcomes");
        outcomes.GetProperty("negative").GetInt32().ShouldBe(1);
        outcomes.GetProperty("negativeShare").GetDouble().ShouldBe(0.5);
        signals.GetProperty("interactionsPerMonth").GetArrayLength().ShouldBe(12);
        signals.GetProperty("interactionsPerMonth").EnumerateArray().Sum(m => m.GetProperty("interactions").GetInt32()).ShouldBe(4);
        signals.GetProperty("commitments").GetProperty("open").GetInt32().ShouldBe(1);
        signals.GetProperty("commitments").GetProperty("overdue").GetInt32().ShouldBe(0);
    }
}
