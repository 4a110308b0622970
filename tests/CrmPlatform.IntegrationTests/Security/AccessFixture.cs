using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmPlatform.IntegrationTests.Infrastructure;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.IntegrationTests.Security;

/// <summary>
/// The records the matrix calls reach: two customers, one owned by the sales rep who calls
/// (<see cref="RepUser"/>) and one by a colleague, each with a consenting contact, an interaction
/// every department sees, and a commitment.
/// </summary>
public sealed class AccessFixture(Suite suite)
{
    public const string RepUser = "ana.seller";
    public const string ColleagueUser = "bruno.seller";

    public Records Own { get; private set; } = null!;
    public Records Colleagues { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Own = await RecordsOwnedByAsync(RepUser);
        Colleagues = await RecordsOwnedByAsync(ColleagueUser);
    }

    /// <summary>The user a role's caller is: the rep for sales-rep, a user of its own for any other role.</summary>
    public static string UserOf(string role) => role == CrmRoles.SalesRep ? RepUser : "matrix." + role;

    public static async Task<HttpResponseMessage> CallAsync(HttpClient http, string method, string path, string? json, string role, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        request.Authorize(TestTokens.For(UserOf(role), role));
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static readonly string[] _everyDepartment = ["sales", "support", "accounting", "logistics", "marketing"];

    public static string InteractionFor(Guid customerId) => JsonSerializer.Serialize(new
    {
        customerId, type = "call", direction = "outbound", occurredAt = DateTimeOffset.UtcNow.AddHours(-1),
        subject = "Matrix call", departments = _everyDepartment,
    });

    public static string CommitmentFor(Guid customerId) => JsonSerializer.Serialize(new
    {
        customerId, description = "Send the proposal", dueAt = DateTimeOffset.UtcNow.AddDays(3),
    });

    private async Task<Records> RecordsOwnedByAsync(string owner)
    {
        using var customers = suite.Customers.CreateClient();
        var registered = await customers.PostAsJsonAsync("/api/customers", new
        {
            kind = "company", legalName = "Matriz " + owner, country = "BR", taxId = TestData.UniqueTaxId(), ownerId = owner,
        });
        var customerId = await IdOfAsync(registered);
        var contactId = await IdOfAsync(await customers.PostAsJsonAsync($"/api/customers/{customerId}/contacts",
            new { name = "Contato Matriz", role = "buyer", email = "contato@example.com", marketingEmailConsent = true }));

        await Eventually.GetAsync(
            () => suite.Interactions.QueryAsync(db => db.Customers.AnyAsync(c => c.Id == customerId && c.OwnerId == owner)), known => known);
        using var interactions = suite.Interactions.CreateClient();
        var interactionId = await IdOfAsync(await interactions.PostAsync("/api/interactions", Json(InteractionFor(customerId))));
        var commitmentId = await IdOfAsync(await interactions.PostAsync("/api/commitments", Json(CommitmentFor(customerId))));
        return new Records(customerId, contactId, interactionId, commitmentId);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<Guid> IdOfAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.IsSuccessStatusCode.ShouldBeTrue(body.ToString());
        return body.GetProperty("id").GetGuid();
    }

    /// <summary>One customer's records, as the matrix placeholders name them.</summary>
    public sealed record Records(Guid Customer, Guid Contact, Guid Interaction, Guid Commitment)
    {
        public string Fill(string path) => path
            .Replace("{customer}", Customer.ToString(), StringComparison.Ordinal)
            .Replace("{contact}", Contact.ToString(), StringComparison.Ordinal)
            .Replace("{interaction}", Interaction.ToString(), StringComparison.Ordinal)
            .Replace("{commitment}", Commitment.ToString(), StringComparison.Ordinal)
            .Replace("{random}", Guid.NewGuid().ToString(), StringComparison.Ordinal);

        public string? BodyOf(string? body) => body switch
        {
            "interaction" => InteractionFor(Customer),
            "commitment" => CommitmentFor(Customer),
            _ => body,
        };
    }
}
