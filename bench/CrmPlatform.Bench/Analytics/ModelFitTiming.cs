using System.Diagnostics;
using CrmPlatform.Analytics.Lifetime;
using Npgsql;

namespace CrmPlatform.Bench.Analytics;

/// <summary>The in-process fit over a subset of customers: read, summary and fit timed apart, and what the fit found.</summary>
internal sealed record ModelFitResult(int Customers, long PurchaseDays, double ReadSeconds, double SummarizeSeconds, double FitSeconds,
    int FittedCustomers, int ReturningCustomers, double R, double Alpha, double A, double B, double P, double Q, double Gamma)
{
    public double TotalSeconds => ReadSeconds + SummarizeSeconds + FitSeconds;
}

/// <summary>
/// The "BG/NBD + Gamma-Gamma fit over 100,000 customers": the purchase days of the first <c>customers</c> buyers
/// (in id order, that is registration order) read from the database, then the service's own
/// <see cref="CalibrationSummary.Summarize"/> and <see cref="LifetimeValueModel.Fit"/> in this process. The query is the
/// service's (<c>LifetimeModelApi.PurchaseDaysAsync</c>: net spend per customer and UTC day up to the calibration end),
/// restricted to those customers; that method is internal to the service, so the bench states it again.
/// </summary>
internal static class ModelFitTiming
{
    public static async Task<ModelFitResult> RunAsync(NpgsqlDataSource dataSource, int customers, DateOnly calibrationEnd, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var days = new List<Purchase<Guid>>();
        await using (var command = dataSource.CreateCommand("""
            WITH chosen AS (SELECT customer_id FROM analytics.customer_values ORDER BY customer_id LIMIT @customers)
            SELECT p.customer_id, (p.occurred_at AT TIME ZONE 'UTC')::date, sum(p.amount - coalesce(p.discount_amount, 0))
            FROM analytics.purchases p JOIN chosen c ON c.customer_id = p.customer_id
            WHERE p.occurred_at < @end
            GROUP BY 1, 2
            """))
        {
            command.CommandTimeout = 0;
            command.Parameters.AddWithValue("customers", customers);
            command.Parameters.AddWithValue("end", new DateTimeOffset(calibrationEnd.AddDays(1), TimeOnly.MinValue, TimeSpan.Zero));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                days.Add(new Purchase<Guid>(reader.GetGuid(0), reader.GetFieldValue<DateOnly>(1), reader.GetDecimal(2)));
            }
        }

        var read = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var summary = CalibrationSummary.Summarize(days, calibrationEnd, 7);
        var summarize = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var model = LifetimeValueModel.Fit(summary);
        var fit = clock.Elapsed.TotalSeconds;
        return new ModelFitResult(summary.Customers.Count, days.Count, read, summarize, fit, model.Customers, model.ReturningCustomers,
            model.BgNbd.R, model.BgNbd.Alpha, model.BgNbd.A, model.BgNbd.B, model.GammaGamma.P, model.GammaGamma.Q, model.GammaGamma.Gamma);
    }
}
