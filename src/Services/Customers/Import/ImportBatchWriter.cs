using System.Text.Json.Nodes;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.History;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.Customers.Lifecycle;
using CrmPlatform.Customers.Validation;
using CrmPlatform.Integrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Customers.Import;

/// <summary>
/// Upserts one batch of rows in one transaction: the customers, their history (operation
/// <c>imported</c>), their outbox events, the rejections and the job's counters commit together, so a
/// row is never half-imported and the counters always describe what is committed.
/// </summary>
public sealed class ImportBatchWriter(
    IServiceScopeFactory scopes, IOptionsMonitor<CustomAttributeOptions> attributes, IOptions<ImportOptions> options, TimeProvider clock, ILogger<ImportBatchWriter> logger)
{
    private const int Attempts = 3;

    /// <summary>Writes the batch and advances <paramref name="job"/>; returns the updated customers, for the cache.</summary>
    public async Task<List<(Guid CustomerId, long Version)>> WriteAsync(ImportJob job, IReadOnlyList<ImportRow> rows, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = job.Progress;
            try
            {
                return await TryWriteAsync(job, rows, cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < Attempts && (ex is DbUpdateConcurrencyException || CustomerApi.IsDuplicateTaxId(ex)))
            {
                // Someone registered or changed one of these customers meanwhile: redo the batch on fresh data.
                job.Progress = before;
                logger.LogInformation(ex, "Import {JobId}: batch ending at line {Line} met a concurrent change; retrying", job.Id, rows[^1].Line);
            }
            catch
            {
                job.Progress = before;
                throw;
            }
        }
    }

    private async Task<List<(Guid CustomerId, long Version)>> TryWriteAsync(ImportJob job, IReadOnlyList<ImportRow> rows, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();

        // Every entity is added or marked with its state explicitly, so scanning for changes is wasted work.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var existing = await ExistingAsync(db, rows, cancellationToken);
        var now = clock.GetUtcNow().ToPostgresPrecision();
        var updated = new List<(Guid CustomerId, long Version)>();
        foreach (var row in rows)
        {
            job.RowsRead++;
            var errors = new FieldErrors();
            foreach (var (field, reason) in row.Problems)
            {
                errors.Add(field, reason);
            }

            var outcome = errors.Any ? RowOutcome.Rejected
                : row.Key is { } key && existing.TryGetValue(key, out var customer) ? Update(db, job, customer, row, now, errors)
                : Register(db, job, row, now, errors);
            switch (outcome)
            {
                case RowOutcome.Created:
                    job.Created++;
                    break;
                case RowOutcome.Updated:
                    job.Updated++;
                    updated.Add((existing[row.Key!.Value].Id, existing[row.Key.Value].Version));
                    break;
                case RowOutcome.Unchanged:
                    job.Unchanged++;
                    break;
                default:
                    Reject(db, job, row.Line, errors);
                    break;
            }
        }

        job.CommittedThroughLine = rows[^1].Line;
        db.ImportJobs.Update(job);
        await db.SaveChangesAsync(cancellationToken);
        return updated;
    }

    private static async Task<Dictionary<CustomerKey, Customer>> ExistingAsync(CustomersDbContext db, IReadOnlyList<ImportRow> rows, CancellationToken cancellationToken)
    {
        var keys = rows.Where(r => r.Key is not null).Select(r => r.Key!.Value).ToHashSet();
        var countries = keys.Select(k => k.Country).Distinct().ToList();
        var taxIds = keys.Select(k => k.TaxId).Distinct().ToList();

        // Country first, so the (country, tax_id) unique index answers; the pairs are filtered here.
        var customers = await db.Customers.AsNoTracking()
            .Where(c => countries.Contains(c.Country) && taxIds.Contains(c.TaxId))
            .ToListAsync(cancellationToken);
        return customers.Where(c => keys.Contains(new CustomerKey(c.Country, c.TaxId))).ToDictionary(c => new CustomerKey(c.Country, c.TaxId));
    }

    private RowOutcome Register(CustomersDbContext db, ImportJob job, ImportRow row, DateTimeOffset now, FieldErrors errors)
    {
        var input = CustomerInput.Read(row.Document, attributes.CurrentValue, now, errors);
        if (input is null)
        {
            return RowOutcome.Rejected;
        }

        var customer = input.NewCustomer(now);
        db.AddNewCustomer(customer, job.CreatedBy, "imported");
        return RowOutcome.Created;
    }

    /// <summary>Applies the row as a merge patch: columns with a value replace, empty cells leave the stored value alone.</summary>
    private RowOutcome Update(CustomersDbContext db, ImportJob job, Customer customer, ImportRow row, DateTimeOffset now, FieldErrors errors)
    {
        var document = (JsonObject)MergePatch.Apply(CustomerInput.DocumentOf(customer), row.Document)!;
        if (!string.Equals(document["kind"]?.ToString(), customer.Kind.ToWireName(), StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("kind", $"The customer with this tax id is a {customer.Kind.ToWireName()}; a customer's kind cannot change.");
            return RowOutcome.Rejected;
        }

        // The stage column is read (and so validated) like the API reads it, but only a new customer takes it.
        var input = CustomerInput.Read(document, attributes.CurrentValue, now, errors);
        if (input is null)
        {
            return RowOutcome.Rejected;
        }

        var before = CustomerSnapshot.Of(customer);
        var previousOwner = customer.OwnerId;
        var previousVerifiedAt = customer.Fiscal.VerifiedAt;
        var previousVersion = customer.Version;
        input.ApplyTo(customer);
        var changes = CustomerSnapshot.Diff(before, CustomerSnapshot.Of(customer));
        if (changes.Count == 0)
        {
            return RowOutcome.Unchanged;
        }

        if (customer.Fiscal.VerifiedAt != previousVerifiedAt)
        {
            customer.FiscalReviewRaisedAt = null; // verified again: the next review is due a period from now
        }

        customer.Version++;
        customer.UpdatedAt = now;
        db.Customers.Update(customer);

        // Read without tracking, so tell EF which version was read: a change made since then fails the batch, which is retried.
        db.Entry(customer).Property(c => c.Version).OriginalValue = previousVersion;
        db.Record(customer.Id, job.CreatedBy, "imported", now, changes);
        db.AddUpdated(customer, changes, previousOwner);
        return RowOutcome.Updated;
    }

    private void Reject(CustomersDbContext db, ImportJob job, long line, FieldErrors errors)
    {
        job.Rejected++;
        foreach (var (field, messages) in errors.ToDictionary())
        {
            foreach (var message in messages)
            {
                if (job.RejectionsKept >= options.Value.MaxRejectionsKept)
                {
                    job.RejectionsNotKept++;
                    continue;
                }

                job.RejectionsKept++;
                db.ImportRejections.Add(new ImportRejection { JobId = job.Id, Line = line, Field = field, Reason = Shorten(message) });
            }
        }
    }

    private static string Shorten(string message) => message.Length <= 1_000 ? message : message[..999] + "…";

    private enum RowOutcome
    {
        Rejected,
        Created,
        Updated,
        Unchanged,
    }
}
