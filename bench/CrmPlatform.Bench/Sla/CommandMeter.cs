using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace CrmPlatform.Bench.Sla;

/// <summary>
/// Counts the sweep's database round trips and the time until each answered, by kind (the claim,
/// the policy and calendar look-ups, SaveChanges' batches), and keeps the claim's SQL and parameters
/// for EXPLAIN. Shows whether the sweep makes per-ticket queries and how much of its time is the database.
/// </summary>
internal sealed class CommandMeter : DbCommandInterceptor
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (int Count, double Ms)> _kinds = new(StringComparer.Ordinal);
    private readonly List<double> _claims = [];

    /// <summary>The claim as EF sent it, with its parameters (name, value).</summary>
    public (string Sql, IReadOnlyList<(string Name, object? Value)> Parameters)? Claim { get; private set; }

    public void Reset()
    {
        lock (_lock)
        {
            _kinds.Clear();
            _claims.Clear();
        }
    }

    /// <summary>Each claim's time in milliseconds, in order: whether later batches cost more than the first.</summary>
    public IReadOnlyList<double> Claims()
    {
        lock (_lock)
        {
            return [.. _claims];
        }
    }

    public IReadOnlyDictionary<string, (int Count, double Ms)> Snapshot()
    {
        lock (_lock)
        {
            return new Dictionary<string, (int Count, double Ms)>(_kinds, StringComparer.Ordinal);
        }
    }

    /// <summary>A reader's time counts until it is disposed: sending, executing and reading every row.</summary>
    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Record(command, eventData.Duration);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData.Duration);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command, TimeSpan duration)
    {
        var text = command.CommandText;
        var kind = text.Contains("SKIP LOCKED", StringComparison.Ordinal) ? "claim"
            : text.Contains("sla_policies", StringComparison.Ordinal) ? "policies"
            : text.Contains("business_calendars", StringComparison.Ordinal) ? "calendars"
            : text.Contains("INSERT", StringComparison.Ordinal) || text.Contains("UPDATE", StringComparison.Ordinal) ? "save"
            : "other";
        if (kind == "claim" && Claim is null)
        {
            Claim = (text, command.Parameters.Cast<NpgsqlParameter>().Select(p => (p.ParameterName, p.Value)).ToList());
        }

        lock (_lock)
        {
            var (count, ms) = _kinds.GetValueOrDefault(kind);
            _kinds[kind] = (count + 1, ms + duration.TotalMilliseconds);
            if (kind == "claim")
            {
                _claims.Add(duration.TotalMilliseconds);
            }
        }
    }
}
