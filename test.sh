#!/usr/bin/env bash
# Runs every Kalm test. Installs the Debian services the tests need when they are missing
# (PostgreSQL, Chromium for the browser tests, Dovecot and Postfix for the e-mail tests), then builds, checks the
# formatting and runs `dotnet test` for the whole solution.
set -euo pipefail
cd "$(dirname "$0")"

need=()
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -x "${pg_bin:-/nonexistent}/initdb" ] || need+=(postgresql)
# The browser tests drive Debian's Chromium; Playwright never downloads a browser here.
[ -x /usr/bin/chromium ] || need+=(chromium)
# The e-mail tests run a real Postfix (SMTP) delivering over LMTP to a real Dovecot (IMAP).
[ -x /usr/sbin/dovecot ] && [ -x /usr/lib/dovecot/imap ] || need+=(dovecot-imapd)
[ -x /usr/lib/dovecot/lmtp ] || need+=(dovecot-lmtpd)
[ -x /usr/sbin/postfix ] || need+=(postfix)

if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]} from Debian"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

dotnet build Kalm.slnx -c Debug -nologo -clp:ErrorsOnly
dotnet format Kalm.slnx --verify-no-changes --no-restore

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Kalm.slnx --no-build -nologo "$@" 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test assemblies.
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:")  f += $(i+1)
         if ($i == "Passed:")  p += $(i+1)
         if ($i == "Skipped:") s += $(i+1)
       }
     }
     END { printf "Kalm: %d passed, %d failed, %d skipped\n", p, f, s }' "$log" | tr -d ','| sed 's/ passed / passed, /; s/ failed / failed, /'
exit $status
