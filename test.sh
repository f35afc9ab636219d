#!/usr/bin/env bash
# ServiceFlow's one test command: installs what a fresh machine lacks, builds once, runs every
# test project against real PostgreSQL, SMTP, IMAP and Chromium, prints the totals, and exits
# non-zero on any failure. Usage: ./test.sh [extra dotnet test args, e.g. --filter Name~Sla]
set -uo pipefail
cd "$(dirname "$0")"

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || need_apt+=(python3-aiosmtpd)
[ -x /usr/sbin/dovecot ] || need_apt+=(dovecot-imapd)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || need_apt+=(postgresql)
command -v npm >/dev/null || need_apt+=(nodejs npm)
[ -x /usr/sbin/nginx ] || need_apt+=(nginx)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "== installing: ${need_apt[*]}"
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_apt[@]}" >/dev/null \
      || { echo "apt-get install ${need_apt[*]} failed"; exit 1; }
  else
    echo "Missing: ${need_apt[*]}. Install them (sudo apt-get install -y ${need_apt[*]}) and run again."; exit 1
  fi
fi

# Each run keeps its private test servers (PostgreSQL clusters, nginx, mail servers' files) under its own
# temp folder; the test host may be ended before its exit handlers run, so stop this run's database
# servers and proxies here whatever happens. The folder must be enterable by the unprivileged account
# the database server runs as.
run_tmp=$(mktemp -d /tmp/serviceflow-run.XXXXXX) && chmod 755 "$run_tmp" && export TMPDIR="$run_tmp"
stop_test_servers() {
  pkill -INT -f "postgres -D $run_tmp/" 2>/dev/null || true
  pkill -TERM -f "nginx -p $run_tmp/" 2>/dev/null || true
  sleep 1
  pkill -KILL -f "postgres -D $run_tmp/" 2>/dev/null || true
  rm -rf "$run_tmp" 2>/dev/null || true
}
trap stop_test_servers EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "== restore and build"
dotnet tool restore >/dev/null || exit 1
dotnet build ServiceFlow.sln -c Release -nologo -v q -clp:ErrorsOnly || { echo "Build failed."; exit 1; }

total_passed=0; total_failed=0; total_skipped=0; status=0
log_dir=$(mktemp -d)
for project in tests/ServiceFlow.Engine.Tests tests/ServiceFlow.Web.Tests tests/ServiceFlow.Browser.Tests; do
  name=$(basename "$project")
  echo "== $name"
  log="$log_dir/$name.log"
  dotnet test "$project" -c Release --no-build -nologo "$@" >"$log" 2>&1
  code=$?
  grep -E "^\s+Failed [A-Za-z]|^\s+Skipped [A-Za-z]" -A6 "$log" | grep -vE "^\s+at " | head -80
  summary=$(grep -E "(Passed|Failed)!\s+- Failed:" "$log" | tail -1)
  if [ -z "$summary" ]; then
    echo "   no test summary from $name (exit $code); last lines:"; tail -30 "$log"; status=1; continue
  fi
  echo "   $summary"
  f=$(sed -E 's/.*Failed:\s+([0-9]+).*/\1/' <<<"$summary"); p=$(sed -E 's/.*Passed:\s+([0-9]+).*/\1/' <<<"$summary"); s=$(sed -E 's/.*Skipped:\s+([0-9]+).*/\1/' <<<"$summary")
  total_passed=$((total_passed + p)); total_failed=$((total_failed + f)); total_skipped=$((total_skipped + s))
  [ "$code" -eq 0 ] || status=1
done
echo
echo "Totals: $total_passed passed, $total_failed failed, $total_skipped skipped"
[ "$total_failed" -eq 0 ] || status=1
exit $status
