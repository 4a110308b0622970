#!/usr/bin/env bash
# Builds the bench in Release and runs the scenarios of bench/RESULTS.md, 3 runs each, printing
# each run and the median. Raw output and JSON lines go to bench/results/<time>/.
#
#   bench/run.sh              latency at 500/s, closed-loop throughput, open loop at 1,500/s (~15 min)
#   bench/run.sh stages       one profiled run of each (per-stage timings from the stack's activities)
#   bench/run.sh sweep        open loop at SWEEP_RATES (default 250 500 750 1000 1250 1500), one run each
#   bench/run.sh durable      the same three scenarios on PostgreSQL with fsync/synchronous_commit on
#   bench/run.sh search       customer search at 1M customers: seed, plans, 16 clients through the gateway
#                             and straight to the service (~12 min); extra arguments go to the bench
#   bench/run.sh sla          the service desk's SLA sweep over 100,000 open tickets: none, 1% and all due,
#                             5 runs each, with the claim's plans (~6 min); extra arguments go to the bench
#   bench/run.sh analytics    analytics at 1M customers and 10M purchases (issue 7): CSV bulk load, RFM recompute,
#                             model fits, value profile (16 clients, gateway and service), portfolio views and KPIs;
#                             extra arguments go to the bench (e.g. --customers 200000 --purchases 2000000)
#   bench/run.sh gateway      the gateway's overhead with authentication on (issue 8): identity, customers service and
#                             gateway as Release processes; one authenticated GET straight to the service and through
#                             the gateway, interleaved per request at light load (20,000 pairs after 2,000 warm-up), then
#                             16 clients closed loop for 20 s each way, 3 rounds (~5 min); extra arguments go to the bench
#                             (e.g. --path '/api/customers/{guid}' for an authenticated 404 with one indexed lookup)
#   bench/run.sh custom ARGS  one invocation with your own arguments (see --help)
#
# Every service and the gateway need a bearer token: the scenarios that run them (search, analytics, gateway) also run
# the identity service, fetch one bench-client token from it and send it on every request, and raise the gateway's
# per-caller rate limit (RateLimits__Api__*) so the load is not answered with 429s.
#
# Extra configuration for both services goes in BENCH_ARGS, e.g.
#   BENCH_ARGS="--Messaging:PrefetchCount=256" bench/run.sh
# External servers instead of the isolated ones: ConnectionStrings__postgres, ConnectionStrings__rabbitmq.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-all}"
[ $# -gt 0 ] && shift
extra=(${BENCH_ARGS:-})
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-$mode"
mkdir -p "$out"

# Also builds the Customers and Analytics services, the identity service and the gateway in Release: the search,
# analytics and gateway scenarios run them as processes.
dotnet build bench/CrmPlatform.Bench -c Release -nologo -v quiet
bench=(dotnet bench/CrmPlatform.Bench/bin/Release/net10.0/CrmPlatform.Bench.dll)

run() {
  local name="$1"; shift
  echo "== $name: $* ${extra[*]:-}   (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  "${bench[@]}" "$@" "${extra[@]}" --out "$out/$name.jsonl" 2> "$out/$name.log" | tee "$out/$name.txt"
}

case "$mode" in
  all|durable)
    flags=()
    [ "$mode" = durable ] && flags=(--durable)
    run latency-500 --scenario latency --rate 500 --writers 16 --runs 3 "${flags[@]}"
    run throughput-closed --scenario throughput --writers 32 --runs 3 "${flags[@]}"
    run sustained-1500 --scenario latency --rate 1500 --writers 32 --runs 3 "${flags[@]}"
    ;;
  sweep)
    # Open loop at rising rates, one run each: the highest rate whose backlog stays flat is the sustained rate.
    for rate in ${SWEEP_RATES:-250 500 750 1000 1250 1500}; do
      run "sweep-$rate" --scenario latency --rate "$rate" --writers 32 --runs 1 "$@"
    done
    ;;
  stages)
    run stages-latency-500 --scenario latency --rate 500 --writers 16 --runs 1 --stages
    run stages-throughput-closed --scenario throughput --writers 32 --runs 1 --stages
    ;;
  search)
    run search --scenario search --customers 1000000 --writers 16 --runs 1 --warmup 15 --duration 60 "$@"
    ;;
  sla)
    run sla --scenario sla --tickets 100000 --runs 5 --shared-buffers 512MB "$@"
    ;;
  analytics)
    run analytics --scenario analytics --customers 1000000 --purchases 10000000 --chunk 1000000 --fit-customers 100000 \
      --writers 16 --warmup 15 --duration 60 --view-clients 4 --view-duration 20 --shared-buffers 2GB "$@"
    ;;
  gateway)
    run gateway --scenario gateway --requests 20000 --warmup-requests 2000 --writers 16 --warmup 5 --duration 20 --runs 3 "$@"
    ;;
  custom)
    run custom "$@"
    ;;
  *)
    echo "usage: bench/run.sh [all|sweep|stages|durable|search|sla|analytics|gateway|custom ARGS...]" >&2
    exit 2
    ;;
esac
echo "results in $out"
