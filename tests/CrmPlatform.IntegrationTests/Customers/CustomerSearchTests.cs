using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Lifecycle;
using CrmPlatform.Customers.Search;
using CrmPlatform.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.IntegrationTests.Customers;

[Collection(SuiteCollection.Name)]
public sealed class CustomerSearchTests(Suite suite)
{
    private readonly HttpClient _client = suite.Customers.CreateClient();

    [Fact]
    public async Task Text_search_ignores_case_and_accents_in_names_and_query()
    {
        var tag = CustomerRows.Token();
        var saoJoao = CustomerRows.New("São João Comércio Ltda", tags: [tag]);
        var ionescu = CustomerRows.New("Construcții Ștefănescu SRL", country: "RO", tags: [tag]);
        var other = CustomerRows.New("Padaria Central Ltda", tags: [tag]);
        await CustomerRows.InsertAsync(suite, saoJoao, ionescu, other);

        (await IdsAsync($"q=SAO%20JOAO&tag={tag}")).ShouldBe([saoJoao.Id]);
        (await IdsAsync($"q=jo%C3%A3o%20com%C3%A9rcio&tag={tag}")).ShouldBe([saoJoao.Id]);
        (await IdsAsync($"q=stefanescu&tag={tag}")).ShouldBe([ionescu.Id]);
        (await IdsAsync($"q=CONSTRUC%C8%9AII&tag={tag}")).ShouldBe([ionescu.Id]);
        (await IdsAsync($"q=ltda&tag={tag}")).ShouldBe([other.Id, saoJoao.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task Text_search_finds_trade_name_tax_id_and_email_anywhere_in_them()
    {
        var tag = CustomerRows.Token();
        var byTrade = CustomerRows.New("Alfa Beta Ltda", tradeName: "Mercadão Azul", tags: [tag]);
        var byEmail = CustomerRows.New("Gama Delta Ltda", email: "vendas@lojaverde.com.br", tags: [tag]);
        var byTaxId = CustomerRows.New("Epsilon Ltda", taxId: "RO98765432", country: "RO", tags: [tag]);
        await CustomerRows.InsertAsync(suite, byTrade, byEmail, byTaxId);

        (await IdsAsync($"q=dao%20az&tag={tag}")).ShouldBe([byTrade.Id]);
        (await IdsAsync($"q=lojaverde.com&tag={tag}")).ShouldBe([byEmail.Id]);
        (await IdsAsync($"q=VENDAS@&tag={tag}")).ShouldBe([byEmail.Id]);
        (await IdsAsync($"q=876543&tag={tag}")).ShouldBe([byTaxId.Id]);
    }

    [Theory]
    [InlineData("{0}{1}.{2}{3}{4}.{5}{6}{7}/{8}{9}{10}{11}-{12}{13}")]
    [InlineData("{2}{3}{4}.{5}{6}{7}/{8}{9}{10}{11}")]
    [InlineData("{0}{1} {2}{3}{4} {5}{6}{7}")]
    public async Task A_tax_id_written_with_punctuation_matches_its_canonical_form(string format)
    {
        var tag = CustomerRows.Token();
        var digits = string.Concat(Enumerable.Range(0, 14).Select(_ => (char)('0' + Random.Shared.Next(10))));
        var company = CustomerRows.New("Cnpj Formatado Ltda", taxId: digits, tags: [tag]);
        var other = CustomerRows.New("Outra Empresa Ltda", taxId: "9" + digits[..7] + "X" + digits[8..13], tags: [tag]);
        await CustomerRows.InsertAsync(suite, company, other);
        var query = string.Format(CultureInfo.InvariantCulture, format, [.. digits.Select(d => (object)d)]);

        (await IdsAsync($"q={Uri.EscapeDataString(query)}&tag={tag}")).ShouldBe([company.Id], query);
    }

    [Theory]
    [InlineData("100%", "Promo 100% Ltda", "Promo 1000 Ltda")]
    [InlineData("foo_bar", "Foo_Bar Ltda", "FooXBar Ltda")]
    [InlineData(@"abc\def", @"Abc\Def Ltda", "AbcDef Ltda")]
    [InlineData("%ab%c", "Sinal %Ab%C Ltda", "Sinal XabXc Ltda")]
    public async Task Like_wildcards_and_the_escape_character_in_q_are_taken_literally(string query, string matching, string notMatching)
    {
        var tag = CustomerRows.Token();
        var hit = CustomerRows.New(matching, tags: [tag]);
        var miss = CustomerRows.New(notMatching, tags: [tag]);
        await CustomerRows.InsertAsync(suite, hit, miss);

        (await IdsAsync($"q={Uri.EscapeDataString(query)}&tag={tag}")).ShouldBe([hit.Id]);
    }

    [Fact]
    public async Task Segment_and_tag_filters_require_every_given_value()
    {
        var tag = CustomerRows.Token();
        var both = CustomerRows.New("Both Ltda", segments: ["agro", "smb"], tags: [tag, "vip"]);
        var agroOnly = CustomerRows.New("Agro Only Ltda", segments: ["agro"], tags: [tag]);
        var smbVip = CustomerRows.New("Smb Vip Ltda", segments: ["smb"], tags: [tag, "vip"]);
        await CustomerRows.InsertAsync(suite, both, agroOnly, smbVip);

        (await IdsAsync($"tag={tag}&segment=agro")).ShouldBe([agroOnly.Id, both.Id]);
        (await IdsAsync($"tag={tag}&segment=agro&segment=smb")).ShouldBe([both.Id]);
        (await IdsAsync($"tag={tag}&tag=vip")).ShouldBe([both.Id, smbVip.Id]);
        (await IdsAsync($"tag={tag}&tag=vip&segment=agro")).ShouldBe([both.Id]);
    }

    [Fact]
    public async Task Stage_filter_takes_any_of_the_given_stages_by_wire_name()
    {
        var tag = CustomerRows.Token();
        var lead = CustomerRows.New("A Lead", stage: LifecycleStage.Lead, tags: [tag]);
        var qualified = CustomerRows.New("B Qualified", stage: LifecycleStage.Qualified, tags: [tag]);
        var lost = CustomerRows.New("C Lost", stage: LifecycleStage.Lost, tags: [tag]);
        await CustomerRows.InsertAsync(suite, lead, qualified, lost);

        (await IdsAsync($"tag={tag}&stage=qualified")).ShouldBe([qualified.Id]);
        (await IdsAsync($"tag={tag}&stage=lead&stage=LOST")).ShouldBe([lead.Id, lost.Id]);
    }

    [Fact]
    public async Task Owner_country_and_strategic_filters_and_their_combination()
    {
        var tag = CustomerRows.Token();
        var owner = "seller-" + CustomerRows.Token();
        var mineBr = CustomerRows.New("A Mine Br", ownerId: owner, tags: [tag]);
        var mineRoStrategic = CustomerRows.New("B Mine Ro", country: "RO", ownerId: owner, strategic: true, tags: [tag]);
        var othersRoStrategic = CustomerRows.New("C Others Ro", country: "RO", ownerId: "someone-else", strategic: true, tags: [tag]);
        await CustomerRows.InsertAsync(suite, mineBr, mineRoStrategic, othersRoStrategic);

        (await IdsAsync($"owner={owner}")).ShouldBe([mineBr.Id, mineRoStrategic.Id]);
        (await IdsAsync($"tag={tag}&country=ro")).ShouldBe([mineRoStrategic.Id, othersRoStrategic.Id]);
        (await IdsAsync($"tag={tag}&strategic=true")).ShouldBe([mineRoStrategic.Id, othersRoStrategic.Id]);
        (await IdsAsync($"tag={tag}&strategic=false")).ShouldBe([mineBr.Id]);
        (await IdsAsync($"owner={owner}&country=RO&strategic=true&stage=lead&q=mine")).ShouldBe([mineRoStrategic.Id]);
    }

    [Fact]
    public async Task A_summary_carries_the_customers_fields_with_wire_names()
    {
        var tag = CustomerRows.Token();
        var customer = CustomerRows.New("Summary Fields Ltda", tradeName: "Summary", email: "a@summary.example", phone: "+5511999990000",
            ownerId: "seller-1", segments: ["agro"], tags: [tag, "vip"], stage: LifecycleStage.Qualified, strategic: true, kind: CustomerKind.Person);
        customer.QualificationScore = 77;
        await CustomerRows.InsertAsync(suite, customer);

        var page = await PageAsync($"tag={tag}");

        var item = page.Items.ShouldHaveSingleItem();
        item.ShouldBe(new CustomerSummary(customer.Id, "person", "Summary Fields Ltda", "Summary", "BR", customer.TaxId, "a@summary.example",
            "+5511999990000", "seller-1", "qualified", item.Segments, item.Tags, true, 77, customer.RegisteredAt, customer.UpdatedAt));
        item.Segments.ShouldBe(["agro"]);
        item.Tags.ShouldBe([tag, "vip"]);
        page.NextCursor.ShouldBeNull();
        page.Total.ShouldBeNull();
    }

    public static TheoryData<string> Sorts => [.. SearchSort.WireNames];

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task Every_sort_pages_through_all_matches_in_order_once(string sort)
    {
        var tag = CustomerRows.Token();
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        // Repeated names and instants, so pages must break ties by id; 23 rows in pages of 4.
        var customers = Enumerable.Range(0, 23).Select(i => CustomerRows.New(
            $"Sort {(char)('A' + (i * 7 % 5))} Ltda",
            tags: [tag],
            registeredAt: start.AddMinutes(i % 4),
            updatedAt: start.AddDays(1).AddSeconds(-(i % 6)).AddTicks(i % 3 * 10))).ToArray();
        var filler = CustomerRows.New("Sort Not Tagged", tags: ["other-" + tag]);
        await CustomerRows.InsertAsync(suite, [.. customers, filler]);

        var walked = await WalkAsync($"tag={tag}&sort={sort}&limit=4");

        walked.Select(c => c.Id).ShouldBe(Expected(customers, sort).Select(c => c.Id));
    }

    [Theory]
    [InlineData("legalName")]
    [InlineData("-legalName")]
    [InlineData("registeredAt")]
    [InlineData("-updatedAt")]
    public async Task A_text_search_pages_in_order_when_its_matches_lie_beyond_the_first_window(string sort)
    {
        // 10,000 rows come before the matches in each of these orders, so a window of the sort index
        // finds none. Once analyzed, the rare token (9 of ~20,000 search texts) goes to its matches
        // first, and the frequent one (600) reads the window first, then the matches after it.
        await InsertFillersAsync(CustomerSearchSql.Window);
        var start = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var rare = CustomerRows.Token();
        var frequent = CustomerRows.Token();
        var rareMatches = Enumerable.Range(0, 9).Select(i => CustomerRows.New(
            $"Window {rare} {(char)('A' + (i % 4))}", registeredAt: start.AddHours(i % 3), updatedAt: start.AddHours(i % 5))).ToArray();
        var frequentMatches = Enumerable.Range(0, 600).Select(i => CustomerRows.New(
            $"Window {frequent} {(char)('A' + (i % 7))}", registeredAt: start.AddMinutes(i % 50), updatedAt: start.AddMinutes(i % 70))).ToArray();
        await CustomerRows.InsertAsync(suite, [.. rareMatches, .. frequentMatches]);
        await suite.Customers.QueryAsync(db => db.Database.ExecuteSqlRawAsync("ANALYZE customers.customers"));
        SearchTextStatistics.Invalidate();

        var rareWalk = await WalkAsync($"q={rare}&sort={sort}&limit=2");
        var frequentWalk = await WalkAsync($"q={frequent}&sort={sort}&limit=50");

        rareWalk.Select(c => c.Id).ShouldBe(Expected(rareMatches, sort).Select(c => c.Id));
        frequentWalk.Select(c => c.Id).ShouldBe(Expected(frequentMatches, sort).Select(c => c.Id));
    }

    [Fact]
    public async Task Total_counts_every_match_only_when_asked()
    {
        var tag = CustomerRows.Token();
        await CustomerRows.InsertAsync(suite, [.. Enumerable.Range(0, 7).Select(i => CustomerRows.New($"Total {i} Ltda", tags: [tag], strategic: i < 3))]);

        var first = await PageAsync($"tag={tag}&limit=2&includeTotal=true");
        first.Total.ShouldBe(7);
        first.Items.Count.ShouldBe(2);
        (await PageAsync($"tag={tag}&strategic=true&includeTotal=true")).Total.ShouldBe(3);
        (await PageAsync($"tag={tag}&q=total&limit=1&includeTotal=true")).Total.ShouldBe(7);
        (await PageAsync($"tag={tag}&limit=2")).Total.ShouldBeNull();
        (await PageAsync($"tag={tag}&includeTotal=false")).Total.ShouldBeNull();
    }

    [Theory]
    [InlineData("q=ab", "q")]
    [InlineData("q=%25%25%25%25", "q")]
    [InlineData("stage=won", "stage")]
    [InlineData("stage=lead&stage=", "stage")]
    [InlineData("strategic=yes", "strategic")]
    [InlineData("includeTotal=1", "includeTotal")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=5&limit=6", "limit")]
    [InlineData("sort=name", "sort")]
    [InlineData("sort=legalname", "sort")]
    [InlineData("country=XX", "country")]
    [InlineData("segment=", "segment")]
    [InlineData("tag=%20", "tag")]
    [InlineData("owner=", "owner")]
    [InlineData("pageSize=10", "pageSize")]
    public async Task An_invalid_parameter_is_a_422_problem_naming_it(string query, string parameter)
    {
        var response = await _client.GetAsync($"/api/customers?{query}");

        var errors = await ValidationErrorsAsync(response);
        errors.ShouldBe([parameter]);
    }

    [Fact]
    public async Task Every_invalid_parameter_is_named_at_once()
    {
        var response = await _client.GetAsync("/api/customers?stage=won&limit=0&sort=up&strategic=maybe");

        (await ValidationErrorsAsync(response)).ShouldBe(["stage", "limit", "sort", "strategic"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_cursor_that_is_not_ours_changed_or_from_another_search_is_a_422_naming_cursor()
    {
        var tag = CustomerRows.Token();
        await CustomerRows.InsertAsync(suite, [.. Enumerable.Range(0, 3).Select(i => CustomerRows.New($"Cursor {i} Ltda", tags: [tag]))]);
        var cursor = (await PageAsync($"tag={tag}&limit=1")).NextCursor.ShouldNotBeNull();
        (await PageAsync($"tag={tag}&limit=1&cursor={cursor}")).Items.ShouldHaveSingleItem();

        var tampered = cursor[..5] + (cursor[5] == 'A' ? 'B' : 'A') + cursor[6..];
        var otherPayload = cursor.Split('.')[0] + ".AAAAAAAAAAAAAAAA";
        string[] bad =
        [
            $"tag={tag}&cursor=garbage",
            $"tag={tag}&cursor={tampered}",
            $"tag={tag}&cursor={otherPayload}",
            $"tag={tag}&cursor=%E2%9C%93.%E2%9C%93",
            $"tag={tag}&cursor={new string('a', 2000)}",
            $"tag={tag}&sort=-legalName&cursor={cursor}",
            $"tag={tag}&segment=agro&cursor={cursor}",
            $"tag=other&cursor={cursor}",
        ];
        foreach (var query in bad)
        {
            var response = await _client.GetAsync($"/api/customers?{query}");
            (await ValidationErrorsAsync(response)).ShouldBe(["cursor"], customMessage: query);
        }
    }

    [Fact]
    public async Task A_cursor_keeps_working_with_another_limit()
    {
        var tag = CustomerRows.Token();
        var customers = Enumerable.Range(0, 5).Select(i => CustomerRows.New($"Limit {i} Ltda", tags: [tag])).ToArray();
        await CustomerRows.InsertAsync(suite, customers);

        var first = await PageAsync($"tag={tag}&limit=2");
        var rest = await PageAsync($"tag={tag}&limit=10&cursor={first.NextCursor}");

        first.Items.Concat(rest.Items).Select(c => c.Id).ShouldBe(customers.Select(c => c.Id));
        rest.NextCursor.ShouldBeNull();
    }

    /// <summary>
    /// <paramref name="count"/> rows that come first in each order these tests walk (names from '!',
    /// which sorts before letters, and from '~', after them; instants decades before and after), with
    /// texts no search of these tests contains. Once per database: the rows only need to exist.
    /// </summary>
    private async Task InsertFillersAsync(int count)
    {
        var existing = await suite.Customers.QueryAsync(db => db.Customers.CountAsync(c => c.SearchText.StartsWith("filler ")));
        if (existing >= count * 2)
        {
            return;
        }

        await suite.Customers.QueryAsync(db => db.Database.ExecuteSqlRawAsync("""
            INSERT INTO customers.customers (id, kind, legal_name, country, tax_id, registered_at, updated_at, stage_changed_at, search_text)
            SELECT gen_random_uuid(), 'Company', CASE WHEN i % 2 = 0 THEN '!' ELSE '~' END || 'filler ' || i, 'BR', 'F' || md5(random()::text || i)::varchar(19),
                CASE WHEN i % 2 = 0 THEN timestamptz '1990-01-01' ELSE timestamptz '2090-01-01' END + i * interval '1 second',
                CASE WHEN i % 2 = 0 THEN timestamptz '2090-01-01' ELSE timestamptz '1990-01-01' END + i * interval '1 second',
                timestamptz '1990-01-01', 'filler ' || i
            FROM generate_series(1, {0}) AS g(i)
            """, count * 2));
    }

    /// <summary>
    /// The order the API promises: the sort key, then the id. The suite's PostgreSQL uses the C.UTF-8
    /// collation (code point order, as ordinal comparison of these ASCII names), and uuids compare as
    /// their hex text does.
    /// </summary>
    private static IEnumerable<Customer> Expected(IEnumerable<Customer> customers, string sort)
    {
        var ordered = sort.TrimStart('-') switch
        {
            "legalName" => customers.OrderBy(c => c.LegalName, StringComparer.Ordinal),
            "registeredAt" => customers.OrderBy(c => c.RegisteredAt),
            "updatedAt" => customers.OrderBy(c => c.UpdatedAt),
            _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, null),
        };
        var all = ordered.ThenBy(c => c.Id.ToString(), StringComparer.Ordinal);
        return sort.StartsWith('-') ? all.Reverse() : all;
    }

    /// <summary>Every page through nextCursor, checking no page is empty and no customer comes twice.</summary>
    private async Task<List<CustomerSummary>> WalkAsync(string query)
    {
        var walked = new List<CustomerSummary>();
        string? cursor = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await PageAsync(cursor is null ? query : $"{query}&cursor={cursor}");
            page.Items.ShouldNotBeEmpty();
            walked.AddRange(page.Items);
            cursor = page.NextCursor;
            if (cursor is null)
            {
                walked.Select(c => c.Id).ShouldBeUnique();
                return walked;
            }
        }

        throw new ShouldAssertException("More than 100 pages: the cursor does not advance.");
    }

    private async Task<List<Guid>> IdsAsync(string query) => [.. (await PageAsync(query)).Items.Select(c => c.Id)];

    private async Task<CustomerPage> PageAsync(string query)
    {
        var response = await _client.GetAsync($"/api/customers?{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CustomerPage>())!;
    }

    private static async Task<List<string>> ValidationErrorsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe(422);
        return [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)];
    }
}
