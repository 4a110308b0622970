#!/usr/bin/env bash
# The APIs through the gateway of a real suite (Release AppHost, isolated), closed loop with CLIENTS
# callers for SECONDS each. Output goes to bench/results/<time>-api[-<scenario>].txt.
#
# SCENARIO=portfolio (the default): GET one customer from the cache and POST customers, then a CSV
# import of IMPORT_ROWS new customers (issue 4).
# SCENARIO=tickets: POST /api/tickets with an SLA policy, closed loop over 50 customers.
# SCENARIO=interactions: POST /api/interactions, then a customer with 10,000 interactions and its
# timeline's first page and page 101 by cursor, with the plans of both queries (issue 5).
#
#   bench/run-api.sh                 20 s, 16 clients, 100,000 import rows
#   SECONDS_PER_RUN=30 CLIENTS=16 IMPORT_ROWS=1000000 bench/run-api.sh
#   SCENARIO=interactions bench/run-api.sh
#   SKIP_BUILD=1 ...                 run the Release binaries as they are (build them first)
#
# Authentication: the bench fetches one bench-client token (role admin) through the gateway's /connect/token once the
# suite is up and sends it on every request. The gateway's per-caller limit (RateLimits:Api, 50/s by default) is raised
# by setting RateLimits__Api__* on the AppHost's process: the AppHost hands its environment to every process it starts.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario="${SCENARIO:-portfolio}"
case "$scenario" in
  portfolio) out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-api.txt" ;;
  interactions|tickets) out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-api-$scenario.txt" ;;
  *) echo "SCENARIO must be portfolio, interactions or tickets, not '$scenario'" >&2; exit 2 ;;
esac
mkdir -p bench/results
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # The bench references the AppHost, which builds every service, the identity service and the gateway.
  dotnet build bench/CrmPlatform.ApiBench -c Release -nologo -v quiet
fi
if [ "$scenario" != portfolio ]; then
  changes=$(git status --porcelain -- src | wc -l)
  echo "# commit $(git rev-parse --short HEAD), $changes changed file(s) under src/" | tee "$out"
fi
SCENARIO="$scenario" dotnet bench/CrmPlatform.ApiBench/bin/Release/net10.0/CrmPlatform.ApiBench.dll \
  "${SECONDS_PER_RUN:-20}" "${CLIENTS:-16}" "${IMPORT_ROWS:-100000}" | tee -a "$out"
