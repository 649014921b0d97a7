#!/usr/bin/env bash
# Starts the whole platform locally: a RabbitMQ node of its own, the four services, the gateway.
# Extra arguments go to the AppHost, e.g. ./run.sh --GatewayPort 9090 --UsePostgres true
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
prerequisites::ensure

configuration=${CONFIGURATION:-Release}
# Building the AppHost builds every service it runs, once.
dotnet build AppHost/AppHost.csproj -c "$configuration" -nologo -clp:ErrorsOnly
exec dotnet "AppHost/bin/$configuration/net10.0/CircularPlatform.AppHost.dll" "$@"
