using System.Diagnostics;
using CrmPlatform.Integrations;
using CrmPlatform.Messaging;
using CrmPlatform.Messaging.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace CrmPlatform.Bench;

/// <summary>
/// One run: fresh schemas and queue, a producer service and a consumer service (two hosts in this
/// process, so one clock), writers for warm-up + window, then a drain until every committed event
/// was applied. Returns the window's figures.
/// </summary>
public sealed class BenchRun(BenchOptions options, BenchServers servers, int runNumber) : IAsyncDisposable
{
    public const string ProducerService = "bench-producer";
    public const string ConsumerService = "bench-consumer";

    private static readonly string _queue = QueueNames.For(ConsumerService, typeof(BenchEvent).Namespace);
    private readonly List<Sample> _samples = [];
    private Guid[] _customers = [];
    private long _nextTransaction;
    private int _loggedErrors;
    private IConnection? _rabbit;

    public sealed record Sample(double Seconds, long Committed, long Applied, long Published, long Unsent, long QueueReady);

    public async Task<RunResult> ExecuteAsync(CancellationToken cancellationToken)
    {
        // The same ~10,000 customer ids every run.
        var seeded = new Random(20_240_601);
        _customers = [.. Enumerable.Range(0, options.Customers).Select(_ =>
        {
            var bytes = new byte[16];
            seeded.NextBytes(bytes);
            return new Guid(bytes);
        })];

        var recorder = new Recorder(trackMessages: options.Scenario == Scenario.Latency, trackStages: options.Stages);
        using var meters = new MessagingMeters();
        using var stages = options.Stages ? new StageProbe(options.DumpActivities) : null;

        await ResetAsync();
        using var consumer = BuildConsumer(recorder);
        using var producer = BuildProducer();
        await CreateTablesAsync<ConsumerDbContext>(consumer, ConsumerDbContext.Schema);
        await CreateTablesAsync<ProducerDbContext>(producer, ProducerDbContext.Schema);

        // The consumer first: its queue and bindings must exist before the first publish.
        await consumer.StartAsync(cancellationToken);
        await producer.StartAsync(cancellationToken);

        using var stopWriters = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopSampling = new CancellationTokenSource();
        Task[] writers = [];
        Task sampler = Task.CompletedTask;
        try
        {
            var frequency = (double)Stopwatch.Frequency;
            var start = Stopwatch.GetTimestamp();
            var windowStart = start + Ticks.FromSeconds(options.WarmupSeconds);
            var windowEnd = windowStart + Ticks.FromSeconds(options.DurationSeconds);
            recorder.WindowStart = windowStart;
            recorder.WindowEnd = windowEnd;
            sampler = SampleAsync(recorder, meters, start, stopSampling.Token);

            var lateness = Enumerable.Range(0, options.Writers).Select(_ => new List<double>()).ToArray();
            writers = [.. Enumerable.Range(0, options.Writers).Select(i => Task.Run(() =>
                WriteLoopAsync(producer, recorder, start, windowStart, windowEnd, lateness[i], new Random(runNumber * 1000 + i), stopWriters.Token)))];

            await DelayUntil(windowStart, cancellationToken);
            var cpuFrom = CpuMeter.Take(Stopwatch.GetTimestamp() / frequency);
            var committedAtStart = recorder.Committed;
            var appliedAtStart = recorder.Applied;
            await DelayUntil(windowEnd, cancellationToken);
            var cpuTo = CpuMeter.Take(Stopwatch.GetTimestamp() / frequency);
            var committedAtEnd = recorder.Committed;
            var appliedAtEnd = recorder.Applied;
            var databaseStats = await DatabaseStatsAsync();

            await Task.WhenAll(writers);
            var drainStart = Stopwatch.GetTimestamp();
            var backlogAtDrain = recorder.Committed - recorder.Applied;
            var cpuDrainFrom = CpuMeter.Take(drainStart / frequency);
            var drainDeadline = drainStart + Ticks.FromSeconds(options.DrainTimeoutSeconds);
            while (recorder.Applied < recorder.Committed && Stopwatch.GetTimestamp() < drainDeadline)
            {
                await Task.Delay(20, cancellationToken);
            }

            var drainEnd = Stopwatch.GetTimestamp();
            var cpuDrainTo = CpuMeter.Take(drainEnd / frequency);
            var drainSeconds = (drainEnd - drainStart) / frequency;
            var drained = recorder.Applied >= recorder.Committed;
            await stopSampling.CancelAsync();
            await sampler;
            var errorQueue = await QueueReadyAsync(_queue + "_error");

            return Summarize(recorder, meters, stages, lateness, windowStart, windowEnd, start, cpuFrom, cpuTo,
                committedAtEnd - committedAtStart, appliedAtEnd - appliedAtStart, drainSeconds, drained, errorQueue, backlogAtDrain) with
            {
                DrainCores = CpuMeter.CoresUsed(cpuDrainFrom, cpuDrainTo),
                DatabaseStats = databaseStats,
            };
        }
        finally
        {
            // Also on Ctrl+C: writers and sampler first, then the services, then their connections.
            await stopWriters.CancelAsync();
            await stopSampling.CancelAsync();
            await Task.WhenAll([.. writers, sampler]).ContinueWith(_ => { }, TaskScheduler.Default);
            using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await producer.StopAsync(stopTimeout.Token);
            await consumer.StopAsync(stopTimeout.Token);
            NpgsqlConnection.ClearAllPools();
        }
    }

    private async Task WriteLoopAsync(
        IHost producer, Recorder recorder, long start, long windowStart, long windowEnd, List<double> lateness, Random random, CancellationToken cancellationToken)
    {
        var openLoop = options.Rate > 0;
        var ticksPerTransaction = openLoop ? Stopwatch.Frequency * options.Batch / options.Rate : 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (openLoop)
            {
                var due = start + (long)(Interlocked.Increment(ref _nextTransaction) * ticksPerTransaction) - (long)ticksPerTransaction;
                if (due >= windowEnd)
                {
                    return;
                }

                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency), CancellationToken.None);
                }

                var now = Stopwatch.GetTimestamp();
                if (due >= windowStart)
                {
                    lateness.Add(Ticks.ToMs(Math.Max(0, now - due)));
                }
            }
            else if (Stopwatch.GetTimestamp() >= windowEnd)
            {
                return;
            }

            try
            {
                await WriteOnceAsync(producer, recorder, random);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                recorder.OnWriteFailed();
                if (Interlocked.Increment(ref _loggedErrors) <= 5)
                {
                    await Console.Error.WriteLineAsync($"write failed: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }
    }

    /// <summary>One producer transaction: a state row and its event per customer, as a service's command does.</summary>
    private async Task WriteOnceAsync(IHost producer, Recorder recorder, Random random)
    {
        await using var scope = producer.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProducerDbContext>();
        var ids = new Guid[options.Batch];
        for (var i = 0; i < ids.Length; i++)
        {
            var customer = _customers[random.Next(_customers.Length)];
            var amount = random.Next(1, 10_000);
            var now = DateTimeOffset.UtcNow;
            db.Add(new CustomerActivity { CustomerId = customer, Amount = amount, CreatedAt = now });
            ids[i] = db.AddEvent(new BenchEvent(customer, amount, now), customer).MessageId;
        }

        await db.SaveChangesAsync();
        recorder.OnCommitted(ids, Stopwatch.GetTimestamp());
    }

    private async Task SampleAsync(Recorder recorder, MessagingMeters meters, long start, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(servers.ProducerConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                await using var unsent = new NpgsqlCommand(
                    $"SELECT count(*) FROM \"{ProducerDbContext.Schema}\".{MessagingModel.OutboxTable} WHERE sent_at IS NULL", connection);
                var unsentCount = (long)(await unsent.ExecuteScalarAsync(CancellationToken.None))!;
                var queueReady = await QueueReadyAsync(_queue);
                var sample = new Sample(Ticks.ToMs(Stopwatch.GetTimestamp() - start) / 1000, recorder.Committed, recorder.Applied,
                    meters.Published, unsentCount, queueReady);
                lock (_samples)
                {
                    _samples.Add(sample);
                }

                if (_samples.Count % 10 == 0)
                {
                    await Console.Error.WriteLineAsync(FormattableString.Invariant(
                        $"[bench] t={sample.Seconds:F0}s committed={sample.Committed} applied={sample.Applied} published={sample.Published} unsent={sample.Unsent} queue={sample.QueueReady}"));
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Messages ready in a queue (not those already delivered and unacknowledged); -1 if it does not exist.</summary>
    private async Task<long> QueueReadyAsync(string queue)
    {
        _rabbit ??= await new ConnectionFactory { Uri = new Uri(servers.RabbitConnectionString) }.CreateConnectionAsync();
        await using var channel = await _rabbit.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException)
        {
            return -1;
        }
    }

    /// <summary>
    /// At the window's end: what PostgreSQL did to the messaging tables since they were created this run
    /// (scans, index entries read, dead rows) and how the dispatcher's claim query runs right now.
    /// </summary>
    private async Task<List<string>> DatabaseStatsAsync()
    {
        var lines = new List<string>();
        foreach (var (connectionString, schema) in new[]
                 {
                     (servers.ProducerConnectionString, ProducerDbContext.Schema), (servers.ConsumerConnectionString, ConsumerDbContext.Schema),
                 })
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using (var tables = new NpgsqlCommand("""
                SELECT relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0), n_tup_ins, n_tup_upd, n_tup_hot_upd, n_live_tup, n_dead_tup, autovacuum_count
                FROM pg_stat_user_tables WHERE schemaname = @schema ORDER BY relname
                """, connection))
            {
                tables.Parameters.AddWithValue("schema", schema);
                await using var reader = await tables.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    lines.Add(FormattableString.Invariant(
                        $"table {schema}.{reader.GetString(0)}: seq_scan {reader.GetInt64(1)} (rows read {reader.GetInt64(2)}), idx_scan {reader.GetInt64(3)}, ins {reader.GetInt64(4)}, upd {reader.GetInt64(5)} (hot {reader.GetInt64(6)}), live {reader.GetInt64(7)}, dead {reader.GetInt64(8)}, autovacuums {reader.GetInt64(9)}"));
                }
            }

            await using (var indexes = new NpgsqlCommand("""
                SELECT relname, indexrelname, idx_scan, idx_tup_read, idx_tup_fetch
                FROM pg_stat_user_indexes WHERE schemaname = @schema AND idx_scan > 0 ORDER BY relname, indexrelname
                """, connection))
            {
                indexes.Parameters.AddWithValue("schema", schema);
                await using var reader = await indexes.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var scans = reader.GetInt64(2);
                    lines.Add(FormattableString.Invariant(
                        $"index {reader.GetString(1)}: scans {scans}, entries read {reader.GetInt64(3)} ({(double)reader.GetInt64(3) / Math.Max(1, scans):F1} per scan), rows fetched {reader.GetInt64(4)}"));
                }
            }

            await using (var commits = new NpgsqlCommand("SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = current_database()", connection))
            {
                await using var reader = await commits.ExecuteReaderAsync();
                await reader.ReadAsync();
                lines.Add(FormattableString.Invariant($"database {connection.Database}: commits {reader.GetInt64(0)}, rollbacks {reader.GetInt64(1)} (since server start)"));
            }
        }

        // The dispatcher's claim (src/Messaging/Outbox/OutboxDispatcher.cs) without FOR UPDATE, so it locks nothing.
        await using (var connection = new NpgsqlConnection(servers.ProducerConnectionString))
        {
            await connection.OpenAsync();
            await using var explain = new NpgsqlCommand($"""
                EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
                SELECT o.position, o.message_id, o.message_type, o.body::text, o.customer_id, o.sequence, o.occurred_at
                FROM "{ProducerDbContext.Schema}".{MessagingModel.OutboxTable} o
                WHERE o.sent_at IS NULL
                  AND NOT EXISTS (
                      SELECT 1 FROM "{ProducerDbContext.Schema}".{MessagingModel.OutboxTable} earlier
                      WHERE earlier.customer_id = o.customer_id AND earlier.sequence < o.sequence AND earlier.sent_at IS NULL)
                ORDER BY o.position
                LIMIT 256
                """, connection);
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add("claim plan: " + reader.GetString(0));
            }
        }

        return lines;
    }

    private async Task ResetAsync()
    {
        foreach (var (connectionString, schema) in new[]
                 {
                     (servers.ProducerConnectionString, ProducerDbContext.Schema), (servers.ConsumerConnectionString, ConsumerDbContext.Schema),
                 })
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }

        _rabbit ??= await new ConnectionFactory { Uri = new Uri(servers.RabbitConnectionString) }.CreateConnectionAsync();
        await using var channel = await _rabbit.CreateChannelAsync();
        await channel.QueueDeleteAsync(_queue, ifUnused: false, ifEmpty: false);
        await channel.QueueDeleteAsync(_queue + "_error", ifUnused: false, ifEmpty: false);
    }

    private static async Task CreateTablesAsync<TContext>(IHost host, string schema) where TContext : DbContext
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
        await db.Database.ExecuteSqlRawAsync(MessagingModel.CreateSequenceTriggerSql(schema));
    }

    private IHost BuildProducer()
    {
        var builder = CreateBuilder(ProducerService, BenchServers.ProducerDb, servers.ProducerConnectionString);
        builder.AddNpgsqlDbContext<ProducerDbContext>(BenchServers.ProducerDb, ProducerDbContext.Schema);
        builder.AddReliableMessaging<ProducerDbContext>(BenchServers.RabbitMq, ProducerService);
        return builder.Build();
    }

    private IHost BuildConsumer(Recorder recorder)
    {
        var builder = CreateBuilder(ConsumerService, BenchServers.ConsumerDb, servers.ConsumerConnectionString);
        builder.Services.AddSingleton(recorder);
        builder.AddNpgsqlDbContext<ConsumerDbContext>(BenchServers.ConsumerDb, ConsumerDbContext.Schema);
        builder.AddReliableMessaging<ConsumerDbContext>(BenchServers.RabbitMq, ConsumerService, events => events.Handle<BenchEvent, BenchEventHandler>());
        return builder.Build();
    }

    private HostApplicationBuilder CreateBuilder(string service, string database, string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = service,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [.. options.ServiceArgs],
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{database}"] = connectionString,
            [$"ConnectionStrings:{BenchServers.RabbitMq}"] = servers.RabbitConnectionString,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<MassTransitHostOptions>(host =>
        {
            host.WaitUntilStarted = true;
            host.StartTimeout = TimeSpan.FromSeconds(60);
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return builder;
    }

    private static async Task DelayUntil(long timestamp, CancellationToken cancellationToken)
    {
        var wait = timestamp - Stopwatch.GetTimestamp();
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency), cancellationToken);
        }
    }

    private RunResult Summarize(Recorder recorder, MessagingMeters meters, StageProbe? stages, List<double>[] lateness,
        long windowStart, long windowEnd, long start, CpuMeter.Snapshot cpuFrom, CpuMeter.Snapshot cpuTo,
        long committedInWindow, long appliedInWindow, double drainSeconds, bool drained, long errorQueue, long backlogAtDrain)
    {
        var seconds = options.DurationSeconds;
        var fromS = Ticks.ToMs(windowStart - start) / 1000;
        var toS = Ticks.ToMs(windowEnd - start) / 1000;
        List<Sample> window;
        lock (_samples)
        {
            window = [.. _samples.Where(s => s.Seconds >= fromS && s.Seconds <= toS)];
        }

        var backlog = window.Select(s => (s.Seconds, (double)(s.Committed - s.Applied))).ToList();
        var slope = Fit.Slope(backlog);
        var producerRate = committedInWindow / seconds;
        var consumerRate = appliedInWindow / seconds;
        var offered = options.Rate > 0 ? options.Rate : producerRate;
        var keptPace = options.Rate <= 0 || producerRate >= 0.99 * options.Rate;
        var sustained = drained && keptPace && slope <= Math.Max(2, 0.01 * offered);

        Distribution latency = Distribution.Empty;
        var missing = 0;
        var stageFigures = new Dictionary<string, Distribution>(StringComparer.Ordinal);
        if (recorder.TrackMessages)
        {
            var inWindow = recorder.Commits.Where(c => c.Value >= windowStart && c.Value < windowEnd).ToList();
            var values = new List<double>(inWindow.Count);
            foreach (var (id, committed) in inWindow)
            {
                if (recorder.Applies.TryGetValue(id, out var applied))
                {
                    values.Add(Ticks.ToMs(applied - committed));
                }
                else
                {
                    missing++;
                }
            }

            latency = Distribution.Of(values);
            if (stages is not null)
            {
                AddStages(stageFigures, inWindow, recorder, stages);
            }
        }

        if (stages is not null)
        {
            AddCommands(stageFigures, stages, windowStart, windowEnd);
        }

        var rounds = meters.Rounds(windowStart, windowEnd);
        return new RunResult
        {
            Scenario = options.Scenario.ToString().ToLowerInvariant(),
            Label = options.Label,
            Run = runNumber,
            OfferedRate = options.Rate,
            Writers = options.Writers,
            Batch = options.Batch,
            DurationSeconds = seconds,
            ServiceArgs = string.Join(' ', options.ServiceArgs),
            ProducerRate = producerRate,
            ConsumerRate = consumerRate,
            WriteErrors = recorder.WriteErrors,
            PublishFailures = meters.PublishFailures,
            Latency = latency,
            MissingAfterDrain = missing,
            WriterLatenessMs = Distribution.Of(lateness.SelectMany(l => l)),
            BacklogStart = window.Count > 0 ? window[0].Committed - window[0].Applied : 0,
            BacklogEnd = window.Count > 0 ? window[^1].Committed - window[^1].Applied : 0,
            BacklogMax = window.Count > 0 ? window.Max(s => s.Committed - s.Applied) : 0,
            BacklogSlope = slope,
            UnsentMax = window.Count > 0 ? window.Max(s => s.Unsent) : 0,
            UnsentEnd = window.Count > 0 ? window[^1].Unsent : 0,
            QueueReadyMax = window.Count > 0 ? window.Max(s => s.QueueReady) : 0,
            QueueReadyEnd = window.Count > 0 ? window[^1].QueueReady : 0,
            ErrorQueue = errorQueue,
            Sustained = sustained,
            DispatchRoundsPerSecond = rounds.Rounds / seconds,
            DispatchRoundMeanSize = rounds.MeanSize,
            DispatchRoundMaxSize = rounds.MaxSize,
            DrainSeconds = drainSeconds,
            BacklogAtDrain = backlogAtDrain,
            Drained = drained,
            Cores = CpuMeter.CoresUsed(cpuFrom, cpuTo),
            Stages = stageFigures,
        };
    }

    private static void AddStages(Dictionary<string, Distribution> figures, List<KeyValuePair<Guid, long>> commits, Recorder recorder, StageProbe stages)
    {
        var pickup = new List<double>();
        var confirm = new List<double>();
        var toConsumer = new List<double>();
        var toHandler = new List<double>();
        var handlerToCommit = new List<double>();
        var consumeSpan = new List<double>();
        foreach (var (id, committed) in commits)
        {
            if (stages.Publishes.TryGetValue(id, out var publish))
            {
                pickup.Add(Ticks.ToMs(publish.Start - committed));
                confirm.Add(Ticks.ToMs(publish.End - publish.Start));
                if (stages.Consumes.TryGetValue(id, out var consume))
                {
                    toConsumer.Add(Ticks.ToMs(consume.Start - publish.Start));
                    consumeSpan.Add(Ticks.ToMs(consume.End - consume.Start));
                    if (recorder.HandlerStarts.TryGetValue(id, out var handler))
                    {
                        toHandler.Add(Ticks.ToMs(handler - consume.Start));
                        if (recorder.Applies.TryGetValue(id, out var applied))
                        {
                            handlerToCommit.Add(Ticks.ToMs(applied - handler));
                        }
                    }
                }
            }
        }

        figures["1 commit -> dispatcher publishes"] = Distribution.Of(pickup);
        figures["2 publish -> broker confirm"] = Distribution.Of(confirm);
        figures["3 publish -> consumer receives"] = Distribution.Of(toConsumer);
        figures["4 consumer receives -> handler (scope, BEGIN, lock, dup+held checks)"] = Distribution.Of(toHandler);
        figures["5 handler -> consumer commit (SaveChanges, inbox insert, COMMIT)"] = Distribution.Of(handlerToCommit);
        figures["MassTransit consume span (whole consume)"] = Distribution.Of(consumeSpan);
    }

    private static void AddCommands(Dictionary<string, Distribution> figures, StageProbe stages, long windowStart, long windowEnd)
    {
        var commands = stages.Commands.Where(c => c.Start >= windowStart && c.Start < windowEnd).ToList();
        foreach (var group in commands.GroupBy(c => c.Kind))
        {
            figures["sql: " + group.Key] = Distribution.Of(group.Select(c => Ticks.ToMs(c.End - c.Start)));
        }

        // Dispatcher rounds: claim, then (if anything was claimed) publishes, then mark; the next claim follows the commit.
        var dispatcher = commands.Where(c => c.Kind is "dispatcher claim" or "dispatcher mark").OrderBy(c => c.Start).ToList();
        var period = new List<double>();
        var publishPhase = new List<double>();
        var afterMark = new List<double>();
        for (var i = 0; i + 2 < dispatcher.Count; i++)
        {
            if (dispatcher[i].Kind == "dispatcher claim" && dispatcher[i + 1].Kind == "dispatcher mark" && dispatcher[i + 2].Kind == "dispatcher claim")
            {
                period.Add(Ticks.ToMs(dispatcher[i + 2].Start - dispatcher[i].Start));
                publishPhase.Add(Ticks.ToMs(dispatcher[i + 1].Start - dispatcher[i].End));
                afterMark.Add(Ticks.ToMs(dispatcher[i + 2].Start - dispatcher[i + 1].End));
            }
        }

        figures["dispatcher round (claim to next claim), non-empty rounds"] = Distribution.Of(period);
        figures["dispatcher publish phase (claim end to mark start)"] = Distribution.Of(publishPhase);
        figures["dispatcher COMMIT + next round start (mark end to next claim)"] = Distribution.Of(afterMark);
    }

    public async ValueTask DisposeAsync()
    {
        if (_rabbit is not null)
        {
            await _rabbit.DisposeAsync();
        }
    }
}
