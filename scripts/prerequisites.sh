# Sourced by run.sh and test.sh: installs what a fresh Debian machine lacks, and nothing twice.

prerequisites::apt_install() {
  # apt-get update once per run, and only when something is missing.
  local missing=("$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${missing[*]}. Install them (sudo apt-get install -y ${missing[*]}) or run this as root." >&2
    exit 1
  fi
  echo "Installing ${missing[*]}..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# With "bench": also what the benchmark needs (wrk to load, nginx to compare the gateway with), in the same one install.
prerequisites::ensure() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET SDK (see global.json) is required and is not on PATH." >&2
    exit 1
  fi

  local missing=()
  # The RabbitMQ broker the AppHost and the test fixtures start (never the system service).
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
  # PostgreSQL binaries for the database tests and --UsePostgres true.
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  # Chromium for the dashboard's browser test (Playwright drives it; it never downloads one).
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  # Node for the calendar test's independent reader (ical.js, from npm).
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if [ "${1:-}" = "bench" ]; then
    command -v wrk >/dev/null 2>&1 || missing+=(wrk)
    [ -x /usr/sbin/nginx ] || missing+=(nginx)
    command -v taskset >/dev/null 2>&1 || missing+=(util-linux)
  fi
  prerequisites::apt_install "${missing[@]}"

  dotnet tool restore >/dev/null
}
