using System.Globalization;

namespace CrmPlatform.Bench;

public enum Scenario
{
    /// <summary>Open loop at <see cref="BenchOptions.Rate"/>: per-event commit-to-consume latency, and whether the backlog stays bounded.</summary>
    Latency,

    /// <summary>Closed loop (or open loop when a rate is given): the rates at which events are committed and applied.</summary>
    Throughput,

    /// <summary>Customer search at <see cref="BenchOptions.Customers"/> customers: latency of a mix of searches from concurrent clients.</summary>
    Search,

    /// <summary>The service desk's SLA sweep over <see cref="BenchOptions.Tickets"/> open tickets: none, 1% and all due.</summary>
    Sla,

    /// <summary>Analytics at <see cref="BenchOptions.Customers"/> customers and <see cref="BenchOptions.Purchases"/> purchases (issue 7).</summary>
    Analytics,

    /// <summary>The gateway's overhead with authentication on (issue 8): one authenticated route straight to the service and through the gateway.</summary>
    Gateway,
}

/// <summary>Where the search scenario sends its requests.</summary>
public enum SearchTarget
{
    Both,
    Gateway,
    Service,
}

public sealed record BenchOptions
{
    public Scenario Scenario { get; init; } = Scenario.Latency;

    /// <summary>Events per second offered (open loop); 0 = closed loop, as fast as the writers go.</summary>
    public double Rate { get; init; }

    public double DurationSeconds { get; init; } = 60;
    public double WarmupSeconds { get; init; } = 10;
    public int Writers { get; init; }
    public int Batch { get; init; } = 1;
    /// <summary>Messaging: distinct customer ids (default 10,000). Search: customers seeded (default 1,000,000).</summary>
    public int Customers { get; init; }
    public int Runs { get; init; } = 3;
    public double DrainTimeoutSeconds { get; init; } = 120;

    /// <summary>Per-stage timing from the stack's activities (adds a little overhead; off for headline figures).</summary>
    public bool Stages { get; init; }

    /// <summary>
    /// Starts PostgreSQL with the server's own durability defaults (fsync and synchronous_commit on) instead
    /// of the isolated mode's fsync=off, synchronous_commit=off; in a fresh temporary data directory, on free ports.
    /// </summary>
    public bool Durable { get; init; }

    /// <summary>Prints the first activity of each kind with its tags (to find tag names).</summary>
    public bool DumpActivities { get; init; }

    /// <summary>Before each run, wait up to this long for the machine to be quiet (others using under 0.25 core over 5 s).</summary>
    public double QuietWaitSeconds { get; init; } = 900;

    /// <summary>Runs repeated (in total) because other processes used over 0.15 core during them; repeated runs replace them.</summary>
    public int RetryDisturbed { get; init; } = 3;

    /// <summary>JSON lines of each run's result are appended here.</summary>
    public string? OutFile { get; init; }

    /// <summary>Configuration passed to both services, e.g. <c>--Messaging:PrefetchCount=256</c>.</summary>
    public IReadOnlyList<string> ServiceArgs { get; init; } = [];

    public string Label { get; init; } = "";

    /// <summary>Search: seed (migrations, customers, VACUUM ANALYZE) and stop, leaving the data to explore with psql (external server).</summary>
    public bool SeedOnly { get; init; }

    /// <summary>Search: seed only when customers.customers has fewer rows than asked (an external server seeded before).</summary>
    public bool ReuseSeed { get; init; }

    public SearchTarget Target { get; init; } = SearchTarget.Both;

    /// <summary>Sla: open tickets seeded (default 100,000).</summary>
    public int Tickets { get; init; } = 100_000;

    /// <summary>Sla: tickets claimed per sweep transaction (the service's default, 500).</summary>
    public int SweepBatch { get; init; } = 500;

    /// <summary>Sla: which cases to run: none (a), some (b, 1% due), all (c).</summary>
    public IReadOnlyList<string> SlaCases { get; init; } = ["none", "some", "all"];

    /// <summary>Search: the common terms of the mix (null: spread ones like "ltda" and ones clustered in name order like "maria").</summary>
    public IReadOnlyList<string>? CommonTerms { get; init; }

    /// <summary>Search: shared_buffers of the isolated PostgreSQL (enough for the seeded table and its indexes).</summary>
    public string SharedBuffers { get; init; } = "2GB";

    /// <summary>Analytics: purchases generated and loaded through the CSV bulk path (default 10,000,000).</summary>
    public long Purchases { get; init; } = 10_000_000;

    /// <summary>Analytics: purchases per CSV request (default 1,000,000).</summary>
    public int ChunkRows { get; init; } = 1_000_000;

    /// <summary>Analytics: customers whose purchases the in-process BG/NBD + Gamma-Gamma fit reads (default 100,000).</summary>
    public int FitCustomers { get; init; } = 100_000;

    /// <summary>Analytics: closed-loop clients per portfolio view and KPI (default 4).</summary>
    public int ViewClients { get; init; } = 4;

    /// <summary>Analytics: measured seconds per portfolio view and KPI (default 20).</summary>
    public double ViewSeconds { get; init; } = 20;

    /// <summary>Analytics: the longest wait for the outbox to publish the first recompute's segment changes before the latency measurements.</summary>
    public double OutboxWaitSeconds { get; init; } = 900;

    /// <summary>Analytics: log the plan (auto_explain, ANALYZE, BUFFERS) of every statement slower than this many ms, and print them at the end; 0 = off.</summary>
    public double ExplainSlowMs { get; init; }

    /// <summary>Analytics: the seed of the generated customers and purchases (the same data on every run).</summary>
    public int DataSeed { get; init; } = 7;

    /// <summary>Gateway: measured request pairs (one direct, one through the gateway) at light load (default 20,000).</summary>
    public int Requests { get; init; } = 20_000;

    /// <summary>Gateway: warm-up pairs before the light-load measurement (default 2,000).</summary>
    public int WarmupRequests { get; init; } = 2_000;

    /// <summary>Gateway: the authenticated GET measured (default: see Gateway/GatewayBench.DefaultPath); {guid} is a new random id per request.</summary>
    public string? GatewayPath { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var serviceArgs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--Messaging:", StringComparison.OrdinalIgnoreCase))
            {
                serviceArgs.Add(arg.Contains('=', StringComparison.Ordinal) ? arg : $"{arg}={args[++i]}");
                continue;
            }

            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            double Number() => double.Parse(Next(), CultureInfo.InvariantCulture);
            options = arg switch
            {
                "--scenario" => options with { Scenario = Enum.Parse<Scenario>(Next(), ignoreCase: true) },
                "--rate" => options with { Rate = Number() },
                "--duration" => options with { DurationSeconds = Number() },
                "--warmup" => options with { WarmupSeconds = Number() },
                "--writers" => options with { Writers = (int)Number() },
                "--batch" => options with { Batch = (int)Number() },
                "--customers" => options with { Customers = (int)Number() },
                "--runs" => options with { Runs = (int)Number() },
                "--drain-timeout" => options with { DrainTimeoutSeconds = Number() },
                "--stages" => options with { Stages = true },
                "--durable" => options with { Durable = true },
                "--dump-activities" => options with { DumpActivities = true, Stages = true },
                "--quiet-wait" => options with { QuietWaitSeconds = Number() },
                "--retry-disturbed" => options with { RetryDisturbed = (int)Number() },
                "--out" => options with { OutFile = Next() },
                "--label" => options with { Label = Next() },
                "--seed-only" => options with { SeedOnly = true },
                "--reuse-seed" => options with { ReuseSeed = true },
                "--target" => options with { Target = Enum.Parse<SearchTarget>(Next(), ignoreCase: true) },
                "--shared-buffers" => options with { SharedBuffers = Next() },
                "--tickets" => options with { Tickets = (int)Number() },
                "--sweep-batch" => options with { SweepBatch = (int)Number() },
                "--cases" => options with { SlaCases = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--common-terms" => options with { CommonTerms = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--purchases" => options with { Purchases = (long)Number() },
                "--chunk" => options with { ChunkRows = (int)Number() },
                "--fit-customers" => options with { FitCustomers = (int)Number() },
                "--view-clients" => options with { ViewClients = (int)Number() },
                "--view-duration" => options with { ViewSeconds = Number() },
                "--outbox-wait" => options with { OutboxWaitSeconds = Number() },
                "--explain-slow" => options with { ExplainSlowMs = Number() },
                "--seed" => options with { DataSeed = (int)Number() },
                "--requests" => options with { Requests = (int)Number() },
                "--warmup-requests" => options with { WarmupRequests = (int)Number() },
                "--path" => options with { GatewayPath = Next() },
                "--help" or "-h" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"Unknown argument {arg}.\n{Usage}"),
            };
        }

        if (options.Scenario == Scenario.Latency && options.Rate <= 0)
        {
            options = options with { Rate = 500 };
        }

        if (options.Writers <= 0)
        {
            options = options with { Writers = options.Scenario is Scenario.Latency or Scenario.Search or Scenario.Analytics or Scenario.Gateway ? 16 : 32 };
        }

        if (options.Customers <= 0)
        {
            options = options with { Customers = options.Scenario is Scenario.Search or Scenario.Analytics ? 1_000_000 : 10_000 };
        }

        return options with { ServiceArgs = serviceArgs };
    }

    public const string Usage = """
        CrmPlatform.Bench --scenario latency|throughput|search|sla|analytics|gateway [options]
          --rate N            events/s offered, open loop (latency: default 500; throughput: default 0 = closed loop)
          --duration S        measured seconds (default 60), after --warmup S (default 10)
          --writers N         concurrent writer tasks (latency: 16, throughput: 32); search: concurrent clients (16)
          --batch N           events per producer transaction (default 1)
          --customers N       messaging: distinct customer ids (default 10000); search: customers seeded (default 1000000)
          --runs N            runs, each on fresh schemas (default 3); the summary gives the median; sla: repetitions per case
          --durable           PostgreSQL with fsync and synchronous_commit on (default: isolated servers, fsync off)
          --stages            time each stage from the stack's activities (separate runs: small overhead)
          --quiet-wait S      before each run wait up to S s (default 900) until other processes use < 0.25 core
          --retry-disturbed N repeat up to N runs (in total) during which other processes used > 0.15 core (default 3)
          --out FILE          append each run's result as a JSON line
          --label TEXT        a name for the configuration, shown in the summary
          --Messaging:Key=V   configuration for both services (DispatchBatchSize, PrefetchCount, ConcurrentMessageLimit...)
          --target T          search: gateway, service or both (default both: the same mix through each)
          --seed-only         search: migrate and seed the database, then stop (explore plans with psql on an external server)
          --reuse-seed        search: keep customers already seeded on an external server when there are enough
          --shared-buffers S  search, sla, analytics: shared_buffers of the isolated PostgreSQL (default 2GB)
          --common-terms A,B  search: the common terms of the mix (default ltda,srl,silva,comercio,maria,construtora)
          --tickets N         sla: open tickets seeded (default 100000)
          --sweep-batch N     sla: tickets per sweep transaction (default 500, the service's default)
          --cases A,B         sla: none (0 due), some (1% due), all (every ticket due); default none,some,all
          --purchases N       analytics: purchases generated and loaded as CSV (default 10000000); --customers: default 1000000
          --chunk N           analytics: purchases per CSV request (default 1000000)
          --fit-customers N   analytics: customers of the in-process model fit (default 100000)
          --view-clients N    analytics: clients per portfolio view / KPI (default 4), --view-duration S (default 20)
          --outbox-wait S     analytics: wait up to S s (default 900) for the RFM events to be published before the reads
          --explain-slow MS   analytics: print the plans of the service's statements slower than MS ms (auto_explain; adds overhead)
          --seed N            analytics: seed of the generated data (default 7); --writers: profile clients (16),
                              --warmup/--duration: the profile's warm-up and measured seconds (15/60 by bench/run.sh)
          --requests N        gateway: light-load pairs, one direct and one through the gateway each (default 20000)
          --warmup-requests N gateway: warm-up pairs before them (default 2000); --writers: throughput clients (16),
                              --warmup/--duration: each throughput window's seconds, --runs: rounds of gateway and direct
          --path P            gateway: the authenticated GET measured (default /api/customers?limit=0, a 422 without I/O;
                              {guid} becomes a new random id per request, e.g. /api/customers/{guid} for an authenticated 404)
        External servers: set ConnectionStrings__postgres (server, no database) and ConnectionStrings__rabbitmq.
        """;
}
