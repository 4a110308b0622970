using System.Globalization;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Customers.Import;

public static class ImportApi
{
    public const string CsvMediaType = "text/csv";

    public static RouteGroupBuilder MapImportApi(this RouteGroupBuilder customers)
    {
        var maxFileBytes = ((IEndpointRouteBuilder)customers).ServiceProvider.GetRequiredService<IOptions<ImportOptions>>().Value.MaxFileBytes;
        customers.MapPost("/imports", StartImport).RequireRoles(CrmRoles.SalesManager)
            .WithMetadata(new BodySizeLimit(maxFileBytes + 1))
            .WithName(nameof(StartImport))
            .WithSummary("Import customers from a CSV file")
            .WithDescription("Body: text/csv, UTF-8, header line first (columns by name, any case; kind, legalName, country and taxId required). Rows are upserted by country and tax id in the background: 202 with the job; follow Location for progress. A bad header is a 422 naming each column, before any job exists.")
            .Accepts<string>(CsvMediaType)
            .Produces<ImportJobResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        customers.MapGet("/imports/{jobId:guid}", GetImport).RequireRoles(CrmRoles.SalesManager)
            .WithName(nameof(GetImport))
            .WithSummary("Progress of an import")
            .Produces<ImportJobResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        customers.MapGet("/imports/{jobId:guid}/rejections", GetRejections).RequireRoles(CrmRoles.SalesManager)
            .WithName(nameof(GetRejections))
            .WithSummary("Lines an import rejected, by line number")
            .WithDescription("Pages of at most `limit` (1-1000, default 100); pass `nextCursor` back as `cursor` for the next page.")
            .Produces<ImportRejectionPage>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        customers.MapGet("/export", CustomerExport.ExportCustomers).RequireRoles(CrmRoles.SalesManager)
            .WithName(nameof(CustomerExport.ExportCustomers))
            .WithSummary("Export customers as CSV")
            .WithDescription("Same columns as the import, so an export re-imports unchanged. Filters: segment, tag, stage, owner, country, strategic (true/false). Cells are not escaped against spreadsheet formulas: that would alter values such as phone numbers ('+55…') on re-import.")
            .Produces<string>(StatusCodes.Status200OK, CsvMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        return customers;
    }

    public static async Task<IResult> StartImport(
        HttpContext http, CustomersDbContext db, ImportQueue queue, ImportFiles files, IOptions<ImportOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ImportUpload.IsCsv(http.Request))
        {
            return Problems.UnsupportedMediaType("Send the file as text/csv (UTF-8).");
        }

        var jobId = Guid.CreateVersion7();
        var path = files.PathOf(jobId);
        var maxBytes = options.Value.MaxFileBytes;
        try
        {
            if (!await ImportUpload.TrySaveAsync(http.Request, path, maxBytes, cancellationToken))
            {
                return ImportProblems.TooLarge(maxBytes);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ImportProblems.TooLarge(maxBytes);
        }

        var errors = new FieldErrors();
        using (var reader = new ImportFileReader(path))
        {
            if (await reader.ReadHeaderAsync(errors, cancellationToken) is null)
            {
                files.Delete(jobId);
                return ImportProblems.BadHeader(errors.ToDictionary());
            }
        }

        var job = new ImportJob
        {
            Id = jobId,
            Status = ImportJobStatus.Queued,
            FileName = ImportUpload.FileNameOf(http.Request),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = Actor.Of(http),
        };
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        queue.Enqueue(jobId);
        AccessAudit.Sensitive(http, "import", $"customer import {jobId} ({job.FileName})");
        return TypedResults.Accepted($"/api/customers/imports/{jobId}", ImportJobResponse.From(job));
    }

    public static async Task<IResult> GetImport(Guid jobId, CustomersDbContext db, CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        return job is null ? Problems.NotFound("import job", jobId) : TypedResults.Ok(ImportJobResponse.From(job));
    }

    public static async Task<IResult> GetRejections(Guid jobId, string? cursor, string? limit, CustomersDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var after = ReadCursor(cursor, errors);
        var pageSize = ReadLimit(limit, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (!await db.ImportJobs.AnyAsync(j => j.Id == jobId, cancellationToken))
        {
            return Problems.NotFound("import job", jobId);
        }

        var query = db.ImportRejections.AsNoTracking().Where(r => r.JobId == jobId);
        if (after is var (line, id))
        {
            query = query.Where(r => r.Line > line || (r.Line == line && r.Id > id));
        }

        var rows = await query.OrderBy(r => r.Line).ThenBy(r => r.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var page = rows.Take(pageSize).ToList();
        var next = rows.Count > pageSize ? $"{page[^1].Line}-{page[^1].Id}" : null;
        return TypedResults.Ok(new ImportRejectionPage([.. page.Select(r => new ImportRejectionResponse(r.Line, r.Field, r.Reason))], next));
    }

    /// <summary>The cursor is "line-id" of the last rejection of the previous page (several fields of a line share its number).</summary>
    private static (long Line, long Id)? ReadCursor(string? cursor, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        var parts = cursor.Split('-');
        if (parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var line)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return (line, id);
        }

        errors.Add("cursor", "Not a cursor of this list: pass nextCursor from the previous page.");
        return null;
    }

    private static int ReadLimit(string? limit, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(limit))
        {
            return 100;
        }

        if (int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 1_000)
        {
            return value;
        }

        errors.Add("limit", "Must be a whole number from 1 to 1000.");
        return 0;
    }
}
