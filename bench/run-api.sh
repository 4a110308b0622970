#!/usr/bin/env bash
# The portfolio API through the gateway of a real suite (Release AppHost, isolated): GET one customer
# from the cache and POST customers, each closed loop with CLIENTS callers for SECONDS, then a CSV
# import of IMPORT_ROWS new customers. Output goes to bench/results/<time>-api.txt.
#
#   bench/run-api.sh                 20 s, 16 clients, 100,000 import rows
#   SECONDS_PER_RUN=30 CLIENTS=16 IMPORT_ROWS=1000000 bench/run-api.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-api.txt"
mkdir -p bench/results
dotnet build CrmPlatform.sln -c Release -nologo -v quiet
dotnet bench/CrmPlatform.ApiBench/bin/Release/net10.0/CrmPlatform.ApiBench.dll \
  "${SECONDS_PER_RUN:-20}" "${CLIENTS:-16}" "${IMPORT_ROWS:-100000}" | tee "$out"
