using System.Globalization;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.Customers.Lifecycle;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Customers.Import;

/// <summary>
/// Streams customers as CSV, one row at a time from the database to the response: memory stays flat
/// whatever the portfolio's size.
/// </summary>
/// <remarks>
/// Cells are written as stored, not escaped against spreadsheet formula injection (a leading '=', '+',
/// '-', '@'): the usual escape, a leading apostrophe, would change values such as phone numbers
/// ("+55 11 …") and negative amounts when the file is imported again, breaking the round trip this
/// export promises. Spreadsheet users should open the file with "import as text".
/// </remarks>
public static class CustomerExport
{
    public static IResult ExportCustomers(
        string? segment, string? tag, string? stage, string? owner, string? country, string? strategic, HttpContext http, CustomersDbContext db, TimeProvider clock)
    {
        var errors = new FieldErrors();
        var query = Filter(db.Customers.AsNoTracking(), segment, tag, stage, owner, country, strategic, errors);
        if (query is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var fileName = $"customers-{clock.GetUtcNow():yyyyMMdd}.csv";
        AccessAudit.Sensitive(http, "export", $"customers {http.Request.QueryString}");
        return Results.Stream(
            async body =>
            {
                await using var csv = new CsvWriter(body);
                await csv.WriteHeaderAsync(CustomerColumns.All);
                await foreach (var customer in query.OrderBy(c => c.Id).AsAsyncEnumerable())
                {
                    await csv.WriteRecordAsync(RowOf(customer));
                }
            },
            "text/csv; charset=utf-8",
            fileName);
    }

    /// <summary>The cells of <paramref name="customer"/>, in <see cref="CustomerColumns.All"/> order and in the form import reads.</summary>
    public static string?[] RowOf(Customer customer) =>
    [
        customer.Kind.ToWireName(), customer.LegalName, customer.TradeName, customer.Country, customer.TaxId, customer.Email, customer.Phone,
        customer.Website, customer.Industry, customer.Size, customer.OwnerId,
        string.Join(CustomerColumns.ListSeparator, customer.Segments), string.Join(CustomerColumns.ListSeparator, customer.Tags),
        customer.IsStrategic ? "true" : "false", customer.CreditLimit?.ToString(CultureInfo.InvariantCulture), customer.Currency,
        customer.PaymentTermsDays?.ToString(CultureInfo.InvariantCulture), customer.Stage.ToWireName(),
        customer.Fiscal.StateRegistration, customer.Fiscal.MunicipalRegistration, customer.Fiscal.TaxRegime,
    ];

    private static IQueryable<Customer>? Filter(
        IQueryable<Customer> customers, string? segment, string? tag, string? stage, string? owner, string? country, string? strategic, FieldErrors errors)
    {
        if (segment is not null && Labels.Normalize(segment, "segment", errors) is { } segmentLabel)
        {
            customers = customers.Where(c => c.Segments.Contains(segmentLabel));
        }

        if (tag is not null && Labels.Normalize(tag, "tag", errors) is { } tagLabel)
        {
            customers = customers.Where(c => c.Tags.Contains(tagLabel));
        }

        if (stage is not null)
        {
            if (LifecycleStages.TryParse(stage, out var parsedStage))
            {
                customers = customers.Where(c => c.Stage == parsedStage);
            }
            else
            {
                errors.Add("stage", $"Must be one of {string.Join(", ", Enum.GetValues<LifecycleStage>().Select(s => s.ToWireName()))}.");
            }
        }

        if (owner is not null && Text.Clean(owner, "owner", CustomerLimits.ShortText, errors) is { } ownerId)
        {
            customers = customers.Where(c => c.OwnerId == ownerId);
        }

        if (country is not null)
        {
            var code = country.Trim().ToUpperInvariant();
            if (code.Length == 2 && Countries.IsAssigned(code))
            {
                customers = customers.Where(c => c.Country == code);
            }
            else
            {
                errors.Add("country", $"'{Text.Shorten(country)}' is not an ISO 3166-1 alpha-2 country code.");
            }
        }

        if (strategic is not null)
        {
            if (bool.TryParse(strategic, out var isStrategic))
            {
                customers = customers.Where(c => c.IsStrategic == isStrategic);
            }
            else
            {
                errors.Add("strategic", "Must be true or false.");
            }
        }

        return errors.Any ? null : customers;
    }
}
