#!/usr/bin/env bash
# Starts the whole platform locally on .NET Aspire: a RabbitMQ node of its own, the four services,
# the gateway, and the dashboard the ops team watches it on. Extra arguments go to the AppHost,
# e.g. ./run.sh --GatewayPort 9090 --UsePostgres true
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
prerequisites::ensure

configuration=${CONFIGURATION:-Release}
# Building the AppHost builds every service it runs, once.
dotnet build AppHost/AppHost.csproj -c "$configuration" -nologo -clp:ErrorsOnly

# The dashboard, its OTLP endpoint and its resource service, on loopback only. Plain http is
# allowed because nothing leaves the machine; the dashboard still asks for the login token the
# AppHost prints. Each can be changed by setting the variable before ./run.sh.
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://127.0.0.1:18888}
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=${ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL:-http://127.0.0.1:18889}
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=${ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL:-http://127.0.0.1:18890}
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=${ASPIRE_ALLOW_UNSECURED_TRANSPORT:-true}
exec dotnet "AppHost/bin/$configuration/net10.0/CircularPlatform.AppHost.dll" "$@"
