using System.Diagnostics;
using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Analytics.Lifetime;
using CrmPlatform.Integrations;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmPlatform.Bench.Analytics;

/// <summary>The in-process fit over a subset of customers: read and fit timed apart, and what the fit found.</summary>
internal sealed record ModelFitResult(int Customers, long PurchaseDays, double ReadSeconds, double FitSeconds,
    int FittedCustomers, int ReturningCustomers, double R, double Alpha, double A, double B, double P, double Q, double Gamma)
{
    public double TotalSeconds => ReadSeconds + FitSeconds;
}

/// <summary>
/// The "BG/NBD + Gamma-Gamma fit over 100,000 customers": the first <c>customers</c> buyers (in id order, that is
/// registration order) summarised by the service's own <see cref="CalibrationSummaryQuery"/> (folded per customer in the
/// database), then fitted by its <see cref="LifetimeValueModel.Fit"/>, in this process.
/// </summary>
internal static class ModelFitTiming
{
    public static async Task<ModelFitResult> RunAsync(NpgsqlDataSource dataSource, string connectionString, int customers, DateOnly calibrationEnd, CancellationToken cancellationToken)
    {
        var chosen = new List<Guid>(customers);
        await using (var command = dataSource.CreateCommand("SELECT customer_id FROM analytics.customer_values ORDER BY customer_id LIMIT @customers"))
        {
            command.Parameters.AddWithValue("customers", customers);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                chosen.Add(reader.GetGuid(0));
            }
        }

        var options = new DbContextOptionsBuilder<AnalyticsDbContext>();
        PostgresExtensions.Configure(options, connectionString, AnalyticsDbContext.Schema);
        await using var db = new AnalyticsDbContext(options.Options);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var clock = Stopwatch.StartNew();
        var summary = await CalibrationSummaryQuery.ReadAsync(db, calibrationEnd, 7, cancellationToken, chosen);
        var read = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var model = LifetimeValueModel.Fit(summary);
        var fit = clock.Elapsed.TotalSeconds;
        return new ModelFitResult(summary.Customers.Count, summary.Customers.Sum(c => (long)c.RepeatTransactions + 1), read, fit, model.Customers,
            model.ReturningCustomers, model.BgNbd.R, model.BgNbd.Alpha, model.BgNbd.A, model.BgNbd.B, model.GammaGamma.P, model.GammaGamma.Q,
            model.GammaGamma.Gamma);
    }
}
