using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Customers.Duplicates;
using CrmPlatform.IntegrationTests.Infrastructure;

namespace CrmPlatform.IntegrationTests.Customers;

[Collection(SuiteCollection.Name)]
public sealed class PossibleDuplicatesTests(Suite suite)
{
    private readonly HttpClient _client = suite.Customers.CreateClient();

    [Fact]
    public async Task A_customer_whose_folded_legal_or_trade_name_is_similar_is_listed_with_the_score()
    {
        var token = CustomerRows.Token();
        var subject = CustomerRows.New($"Comércio {token} São Jorge Ltda", tradeName: $"Mercado {token}");
        var sameNameOtherCase = CustomerRows.New($"COMERCIO {token.ToUpperInvariant()} SAO JORGE LTDA");
        var closeName = CustomerRows.New($"Comercio {token} Sao Jorge Eireli");
        var tradeNameAsLegal = CustomerRows.New($"Mercado {token}");
        var unrelated = CustomerRows.New($"Padaria {CustomerRows.Token()} Ltda");
        await CustomerRows.InsertAsync(suite, subject, sameNameOtherCase, closeName, tradeNameAsLegal, unrelated);

        var duplicates = await DuplicatesAsync(subject.Id);

        var ids = duplicates.Items.Select(d => d.Id).ToList();
        ids.ShouldContain(sameNameOtherCase.Id);
        ids.ShouldContain(closeName.Id);
        ids.ShouldContain(tradeNameAsLegal.Id);
        ids.ShouldNotContain(unrelated.Id);
        ids.ShouldNotContain(subject.Id);
        Score(duplicates, sameNameOtherCase.Id).ShouldBe(1.0);
        Score(duplicates, tradeNameAsLegal.Id).ShouldBe(1.0);
        Score(duplicates, closeName.Id).ShouldBeInRange(PossibleDuplicateFinder.NameThreshold, 0.99);
        ids.IndexOf(sameNameOtherCase.Id).ShouldBeLessThan(ids.IndexOf(closeName.Id));
        var listed = duplicates.Items.Single(d => d.Id == closeName.Id);
        listed.LegalName.ShouldBe(closeName.LegalName);
        listed.Stage.ShouldBe("lead");
        listed.Kind.ShouldBe("company");
    }

    [Fact]
    public async Task A_name_below_the_threshold_is_not_a_similar_name()
    {
        var token = CustomerRows.Token();
        var subject = CustomerRows.New($"Transportes {token} Ltda");
        var weak = CustomerRows.New($"Transportes {token[..6]}zzzzzz Rodoviarios Internacionais Ltda");
        await CustomerRows.InsertAsync(suite, subject, weak);

        (await DuplicatesAsync(subject.Id)).Items.Select(d => d.Id).ShouldNotContain(weak.Id);
    }

    [Fact]
    public async Task Customers_sharing_an_email_or_phone_directly_or_through_contacts_are_listed_with_the_shared_value()
    {
        var token = CustomerRows.Token();
        var email = $"financeiro@{token}.example";
        var phone = "+55119" + Random.Shared.NextInt64(10_000_000, 99_999_999);
        var contactEmail = $"compras@{token}.example";
        var subject = CustomerRows.New($"Alpha {token} Ltda", email: email);
        var sameEmail = CustomerRows.New($"Zeta {CustomerRows.Token()} SA", email: email);
        var contactHasSubjectsEmail = CustomerRows.New($"Omega {CustomerRows.Token()} SA");
        var samePhoneAsSubjectsContact = CustomerRows.New($"Kappa {CustomerRows.Token()} SA", phone: phone);
        var sharesSubjectsContactEmail = CustomerRows.New($"Sigma {CustomerRows.Token()} SA", email: contactEmail);
        var stranger = CustomerRows.New($"Tau {CustomerRows.Token()} SA", email: $"other@{token}.example");
        await CustomerRows.InsertAsync(suite, subject, sameEmail, contactHasSubjectsEmail, samePhoneAsSubjectsContact, sharesSubjectsContactEmail, stranger);
        await CustomerRows.AddContactAsync(suite, contactHasSubjectsEmail.Id, email: email);
        await CustomerRows.AddContactAsync(suite, subject.Id, email: contactEmail, phone: phone);

        var duplicates = await DuplicatesAsync(subject.Id);

        Reasons(duplicates, sameEmail.Id).ShouldBe([new DuplicateReason(DuplicateReason.SameEmail, Value: email)]);
        Reasons(duplicates, contactHasSubjectsEmail.Id).ShouldBe([new DuplicateReason(DuplicateReason.SameEmail, Value: email)]);
        Reasons(duplicates, samePhoneAsSubjectsContact.Id).ShouldBe([new DuplicateReason(DuplicateReason.SamePhone, Value: phone)]);
        Reasons(duplicates, sharesSubjectsContactEmail.Id).ShouldBe([new DuplicateReason(DuplicateReason.SameEmail, Value: contactEmail)]);
        duplicates.Items.Select(d => d.Id).ShouldNotContain(stranger.Id);
        duplicates.Items.Select(d => d.Id).ShouldNotContain(subject.Id);
    }

    [Fact]
    public async Task The_best_candidates_come_first_and_limit_cuts_the_list()
    {
        var token = CustomerRows.Token();
        var email = $"contato@{token}.example";
        var phone = "+40721" + Random.Shared.Next(100_000, 999_999);
        var subject = CustomerRows.New($"Lumina {token} Distributie SRL", country: "RO", email: email, phone: phone);
        var emailAndPhone = CustomerRows.New($"Other {CustomerRows.Token()} SRL", country: "RO", email: email, phone: phone);
        var nameAndEmail = CustomerRows.New($"Lumina {token} Distributie SA", country: "RO", email: email);
        var exactName = CustomerRows.New($"Lumina {token} Distributie SRL", country: "RO");
        var closeName = CustomerRows.New($"Lumina {token} Distributie Logistica SRL", country: "RO");
        await CustomerRows.InsertAsync(suite, subject, emailAndPhone, nameAndEmail, exactName, closeName);

        var all = await DuplicatesAsync(subject.Id);
        var firstTwo = await DuplicatesAsync(subject.Id, "?limit=2");

        all.Items.Select(d => d.Id).ShouldBe([emailAndPhone.Id, nameAndEmail.Id, exactName.Id, closeName.Id]);
        Reasons(all, emailAndPhone.Id).Select(r => r.Code).ShouldBe([DuplicateReason.SameEmail, DuplicateReason.SamePhone]);
        Reasons(all, nameAndEmail.Id).Select(r => r.Code).ShouldBe([DuplicateReason.SimilarName, DuplicateReason.SameEmail]);
        firstTwo.Items.Select(d => d.Id).ShouldBe([emailAndPhone.Id, nameAndEmail.Id]);
    }

    [Fact]
    public async Task A_customer_with_nothing_alike_has_an_empty_list()
    {
        var subject = CustomerRows.New($"Xq{CustomerRows.Token()} Ltda");
        await CustomerRows.InsertAsync(suite, subject);

        var duplicates = await DuplicatesAsync(subject.Id);

        duplicates.CustomerId.ShouldBe(subject.Id);
        duplicates.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_customer_is_a_404_problem()
    {
        var response = await _client.GetAsync($"/api/customers/{Guid.CreateVersion7()}/possible-duplicates");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=51")]
    [InlineData("limit=many")]
    [InlineData("limit=1&limit=2")]
    public async Task An_invalid_limit_is_a_422_problem_naming_it(string query)
    {
        var subject = CustomerRows.New($"Limit {CustomerRows.Token()} Ltda");
        await CustomerRows.InsertAsync(suite, subject);

        var response = await _client.GetAsync($"/api/customers/{subject.Id}/possible-duplicates?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["limit"]);
    }

    private static double Score(PossibleDuplicates duplicates, Guid id) =>
        Reasons(duplicates, id).Single(r => r.Code == DuplicateReason.SimilarName).Score.ShouldNotBeNull();

    private static IReadOnlyList<DuplicateReason> Reasons(PossibleDuplicates duplicates, Guid id) =>
        duplicates.Items.SingleOrDefault(d => d.Id == id)?.Reasons ?? throw new ShouldAssertException($"{id} is not listed.");

    private async Task<PossibleDuplicates> DuplicatesAsync(Guid id, string query = "")
    {
        var response = await _client.GetAsync($"/api/customers/{id}/possible-duplicates{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PossibleDuplicates>())!;
    }
}
