using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Customers.Import;

/// <summary>
/// Runs import jobs one at a time, in the order they were accepted. At startup it fails the jobs a
/// previous process left running (their committed batches stay; re-importing is safe because rows are
/// upserted) and picks up the ones still queued.
/// </summary>
public sealed class ImportWorker(
    ImportQueue queue, ImportFiles files, ImportBatchWriter writer, CustomerCache cache, IServiceScopeFactory scopes,
    IOptions<ImportOptions> options, TimeProvider clock, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken);
        await foreach (var jobId in queue.ReadAllAsync(stoppingToken))
        {
            await RunAsync(jobId, stoppingToken);
        }
    }

    private async Task RecoverAsync(CancellationToken stoppingToken)
    {
        // The schema may still be migrating when the host starts: try again for a while rather than stop the host.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
                var jobs = await db.ImportJobs.Where(j => j.Status == ImportJobStatus.Running || j.Status == ImportJobStatus.Queued)
                    .OrderBy(j => j.CreatedAt).ToListAsync(stoppingToken);
                foreach (var job in jobs)
                {
                    if (job.Status == ImportJobStatus.Running)
                    {
                        Fail(job, Interrupted(job));
                    }
                    else if (File.Exists(files.PathOf(job.Id)))
                    {
                        queue.Enqueue(job.Id);
                    }
                    else
                    {
                        Fail(job, "The uploaded file was lost before the import started; upload it again.");
                    }
                }

                await db.SaveChangesAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < 10)
            {
                logger.LogWarning(ex, "Could not look for interrupted imports (attempt {Attempt}); trying again", attempt);
                await Task.Delay(TimeSpan.FromSeconds(3), stoppingToken);
            }
        }
    }

    private async Task RunAsync(Guid jobId, CancellationToken stoppingToken)
    {
        var job = await LoadAsync(jobId, stoppingToken);
        if (job is not { Status: ImportJobStatus.Queued })
        {
            return;
        }

        try
        {
            job.Status = ImportJobStatus.Running;
            job.StartedAt = clock.GetUtcNow();
            await SaveAsync(job, stoppingToken);
            await ImportAsync(job, stoppingToken);
            job.Status = ImportJobStatus.Completed;
            job.FinishedAt = clock.GetUtcNow();
            await SaveAsync(job, stoppingToken);
            files.Delete(job.Id);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Fail(job, Interrupted(job));
            await SaveAsync(job, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // One broken file or a database outage fails its job, never the worker.
            logger.LogError(ex, "Import {JobId} failed after line {Line}", job.Id, job.CommittedThroughLine);
            Fail(job, $"Failed after line {job.CommittedThroughLine} ({ex.GetType().Name}); rows up to that line are imported; re-import the file — the upsert makes that safe.");
            await SaveAsync(job, CancellationToken.None);
            files.Delete(job.Id);
        }
    }

    private async Task ImportAsync(ImportJob job, CancellationToken stoppingToken)
    {
        using var reader = new ImportFileReader(files.PathOf(job.Id));
        var errors = new FieldErrors();
        if (await reader.ReadHeaderAsync(errors, stoppingToken) is null)
        {
            // Checked when the file was accepted; only a changed file gets here.
            throw new InvalidDataException(string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }

        await foreach (var batch in reader.ReadBatchesAsync(options.Value.BatchSize, stoppingToken))
        {
            var updated = await writer.WriteAsync(job, batch, stoppingToken);
            await cache.InvalidateAsync(updated);
        }
    }

    private void Fail(ImportJob job, string error)
    {
        job.Status = ImportJobStatus.Failed;
        job.FinishedAt = clock.GetUtcNow();
        job.Error = error;
    }

    private static string Interrupted(ImportJob job) =>
        $"Interrupted; rows committed before line {job.CommittedThroughLine + 1} are imported; re-import the file — the upsert makes that safe.";

    private async Task<ImportJob?> LoadAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CustomersDbContext>().ImportJobs.AsNoTracking()
            .FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
    }

    private async Task SaveAsync(ImportJob job, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        db.ImportJobs.Update(job);
        await db.SaveChangesAsync(cancellationToken);
    }
}
