using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Import;
using CrmPlatform.IntegrationTests.Infrastructure;
using CrmPlatform.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.IntegrationTests.Customers;

[Collection(SuiteCollection.Name)]
public sealed class CustomerImportTests(Suite suite)
{
    private readonly HttpClient _client = suite.Customers.CreateClient();

    [Fact]
    public async Task An_import_creates_updates_skips_unchanged_and_rejects_each_bad_line_with_its_field()
    {
        var tag = UniqueTag();
        var (changedTaxId, sameTaxId) = (TestData.UniqueTaxId("BR"), TestData.UniqueTaxId("RO"));
        var changed = await RegisterAsync(TestData.Company(changedTaxId));
        var same = await RegisterAsync(TestData.Company(sameTaxId, "RO"));
        var (newTaxId, quotedTaxId, otherTaxId) = (TestData.UniqueTaxId("BR"), TestData.UniqueTaxId("RO"), TestData.UniqueTaxId("BR"));

        var job = await ImportAsync($"""
            kind,LegalName,tradeName,country,taxId,tags,stage,creditLimit,currency
            company,New One,,BR,{newTaxId},{tag},prospect,,
            company,"Acme, ""Quoted"" Ltda",,ro,{quotedTaxId},{tag},,1000.50,BRL
            company,Changed Name,,BR,{changedTaxId},{tag},,,
            company,Acme Comércio Ltda,Acme,RO,{sameTaxId},,,,
            company,Bad Tax Id,,BR,1,,,,
            company,,,BR,{otherTaxId},,,,
            company,Bad Stage,,BR,{TestData.UniqueTaxId("BR")},,champion,,
            company,Repeated,,BR,{newTaxId},,,,

            """);

        job.GetProperty("status").GetString().ShouldBe("completed");
        Counters(job).ShouldBe((8, 2, 1, 1, 4));
        var rejections = await RejectionsAsync(job);
        rejections.Select(r => (r.Line, r.Field)).ShouldBe([(6, "taxId"), (7, "legalName"), (8, "stage"), (9, "taxId")]);
        rejections[^1].Reason.ShouldContain("line 2");

        var created = await suite.Customers.QueryAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.TaxId == newTaxId));
        created.LegalName.ShouldBe("New One");
        created.Stage.ToString().ShouldBe("Prospect");
        created.Tags.ShouldBe([tag]);
        (await HistoryOperationsAsync(created.Id)).ShouldBe(["imported"]);
        (await EventTypesAsync(created.Id)).ShouldBe(["CustomerRegistered"]);
        var quoted = await suite.Customers.QueryAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.TaxId == quotedTaxId));
        quoted.LegalName.ShouldBe("Acme, \"Quoted\" Ltda");
        quoted.CreditLimit.ShouldBe(1000.50m);

        var updated = await suite.Customers.QueryAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == changed));
        (updated.LegalName, updated.TradeName, updated.Version).ShouldBe(("Changed Name", "Acme", 2L));
        (await HistoryOperationsAsync(changed)).ShouldBe(["registered", "imported", "imported"]);
        (await EventTypesAsync(changed)).ShouldContain("CustomerProfileUpdated");
        (await EventTypesAsync(changed)).ShouldContain("CustomerSegmentsChanged");

        (await HistoryOperationsAsync(same)).ShouldBe(["registered"]);
        (await EventTypesAsync(same)).ShouldBe(["CustomerRegistered"]);
        (await suite.Customers.QueryAsync(db => db.Customers.AnyAsync(c => c.TaxId == otherTaxId))).ShouldBeFalse();
    }

    [Theory]
    [InlineData("kind,legalName,country,taxId,nickname", "nickname")]
    [InlineData("kind,legalName,country,taxId,Email,email", "email")]
    [InlineData("kind,legalName,country", "taxId")]
    public async Task A_bad_header_is_a_422_naming_the_column_and_creates_no_job(string header, string column)
    {
        var fileName = $"{Guid.NewGuid():N}.csv";

        var response = await PostCsvAsync($"{header}\ncompany,Acme,BR,{TestData.UniqueTaxId()}\n", fileName);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([column]);
        (await suite.Customers.QueryAsync(db => db.ImportJobs.AnyAsync(j => j.FileName == fileName))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_body_that_is_not_csv_is_a_415()
    {
        var response = await _client.PostAsync("/api/customers/imports", new StringContent("{}", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_export_filtered_by_tag_holds_exactly_those_customers_and_reimports_unchanged()
    {
        var tag = UniqueTag();
        var taxIds = new[] { TestData.UniqueTaxId("BR"), TestData.UniqueTaxId("RO") };
        var first = await ImportAsync($"""
            kind,legalName,tradeName,country,taxId,phone,segments,tags,isStrategic,creditLimit,currency,paymentTermsDays,fiscal.taxRegime
            company,"Comma, Quote "" and; semicolon",Acme,BR,{taxIds[0]},+55 11 3333-4444,smb;retail,{tag};other,true,12.30,BRL,30,simples
            company,Plain Ltd,,RO,{taxIds[1]},,,{tag},,,,,

            """);
        Counters(first).ShouldBe((2, 2, 0, 0, 0));

        var export = await _client.GetAsync($"/api/customers/export?tag={tag}");

        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType?.MediaType.ShouldBe("text/csv");
        export.Content.Headers.ContentDisposition?.FileName?.Trim('"').ShouldBe($"customers-{DateTime.UtcNow:yyyyMMdd}.csv");
        var csv = await export.Content.ReadAsStringAsync();
        var rows = await ReadCsvAsync(csv);
        rows[0].ShouldBe(CustomerColumns.All);
        rows.Skip(1).Select(r => r[4]).ShouldBe(taxIds, ignoreOrder: true);
        rows.Single(r => r[4] == taxIds[0])[1].ShouldBe("Comma, Quote \" and; semicolon");

        var again = await ImportAsync(csv);

        Counters(again).ShouldBe((2, 0, 0, 2, 0));
    }

    [Fact]
    public async Task A_line_break_inside_a_quoted_cell_keeps_line_numbers_right()
    {
        var taxId = TestData.UniqueTaxId();

        var job = await ImportAsync($"kind,legalName,country,taxId\r\ncompany,\"Two\r\nLines\",BR,{TestData.UniqueTaxId()}\r\ncompany,Fine,BR,{taxId}\r\ncompany,,BR,{TestData.UniqueTaxId()}\r\n");

        Counters(job).ShouldBe((3, 1, 0, 0, 2));
        (await RejectionsAsync(job)).Select(r => (r.Line, r.Field)).ShouldBe([(2, "legalName"), (5, "legalName")]);
        (await suite.Customers.QueryAsync(db => db.Customers.AnyAsync(c => c.TaxId == taxId))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_cnpj_with_wrong_check_digits_is_rejected()
    {
        var valid = TestData.UniqueTaxId("BR");
        var wrong = valid[..12] + (valid[12] == '0' ? '1' : '0') + valid[13];

        var job = await ImportAsync($"kind,legalName,country,taxId\ncompany,Acme,BR,{wrong}\n");

        Counters(job).ShouldBe((1, 0, 0, 0, 1));
        (await RejectionsAsync(job)).Single().Field.ShouldBe("taxId");
    }

    [Theory]
    [InlineData("/api/customers/imports/0196d0a1-0000-7000-8000-000000000000")]
    [InlineData("/api/customers/imports/0196d0a1-0000-7000-8000-000000000000/rejections")]
    public async Task An_unknown_job_is_a_404_problem(string path)
    {
        var response = await _client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("stage=champion", "stage")]
    [InlineData("strategic=maybe", "strategic")]
    [InlineData("country=XX", "country")]
    public async Task An_invalid_export_filter_is_a_422_naming_it(string query, string parameter)
    {
        var response = await _client.GetAsync($"/api/customers/export?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([parameter]);
    }

    private static string UniqueTag() => "import-" + Guid.NewGuid().ToString("N")[..12];

    private static (long, long, long, long, long) Counters(JsonElement job) => (
        job.GetProperty("rowsRead").GetInt64(), job.GetProperty("created").GetInt64(), job.GetProperty("updated").GetInt64(),
        job.GetProperty("unchanged").GetInt64(), job.GetProperty("rejected").GetInt64());

    private async Task<Guid> RegisterAsync(object customer)
    {
        var response = await _client.PostAsJsonAsync("/api/customers", customer);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<CustomerResponse>())!.Id;
    }

    private Task<HttpResponseMessage> PostCsvAsync(string csv, string fileName = "test.csv")
    {
        var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        content.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileName = fileName };
        return _client.PostAsync("/api/customers/imports", content);
    }

    /// <summary>Uploads <paramref name="csv"/> and waits for the job to finish.</summary>
    private async Task<JsonElement> ImportAsync(string csv)
    {
        var response = await PostCsvAsync(csv);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.ToString();
        location.ShouldStartWith("/api/customers/imports/");
        var job = await Eventually.GetAsync(
            () => _client.GetFromJsonAsync<JsonElement>(location),
            j => j.GetProperty("status").GetString() is "completed" or "failed",
            TimeSpan.FromSeconds(60));
        job.GetProperty("status").GetString().ShouldBe("completed", job.ToString());
        return job;
    }

    private async Task<List<ImportRejectionResponse>> RejectionsAsync(JsonElement job)
    {
        var rejections = new List<ImportRejectionResponse>();
        string? cursor = null;
        do
        {
            // A page of 1 walks the cursor on every rejection.
            var page = (await _client.GetFromJsonAsync<ImportRejectionPage>(
                $"/api/customers/imports/{job.GetProperty("id").GetGuid()}/rejections?limit=1&cursor={cursor}"))!;
            rejections.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return rejections;
    }

    private Task<List<string>> HistoryOperationsAsync(Guid customerId) =>
        suite.Customers.QueryAsync(db => db.Changes.AsNoTracking().Where(c => c.CustomerId == customerId).OrderBy(c => c.Id).Select(c => c.Operation).ToListAsync());

    private async Task<List<string>> EventTypesAsync(Guid customerId)
    {
        var types = await suite.Customers.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.CustomerId == customerId).OrderBy(m => m.Position).Select(m => m.MessageType).ToListAsync());
        return [.. types.Select(t => t[(t.LastIndexOf(':') + 1)..])];
    }

    private static async Task<List<string[]>> ReadCsvAsync(string csv)
    {
        var reader = new CsvReader(new StringReader(csv));
        var rows = new List<string[]>();
        await foreach (var record in reader.ReadAllAsync())
        {
            record.IsValid.ShouldBeTrue();
            rows.Add([.. record.Fields]);
        }

        return rows;
    }
}
