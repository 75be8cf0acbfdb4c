#!/usr/bin/env bash
# A newcomer's first run: clone the committed branch into a temporary folder and run `make serve`
# there with Debian's own python3 first on the PATH, until the home page, /da/ and a calculator
# page answer; then stop the server, run `make serve` a second time (it must install nothing) and
# stop it again. Prints how long each step took. Needs the network for pip and npm.
#
#   tests/fresh_serve_check.sh            # port 8000
#   PORT=8123 tests/fresh_serve_check.sh  # another port
set -euo pipefail

repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
branch=$(git -C "$repo" rev-parse --abbrev-ref HEAD)
port=${PORT:-8000}
timeout=${TIMEOUT:-1800}
paths=("/" "/da/" "/calculators/load/")
work=$(mktemp -d)
server=""

stop() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -- "-$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  server=""
}
trap 'stop; rm -rf "$work"' EXIT

if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  echo "error: something already answers on port $port; run with PORT=<free port>" >&2
  exit 1
fi

# Start `make serve` in its own process group (so it can be stopped with everything it started)
# and wait until every path answers 200.
serve_until_up() {
  local log=$1 start=$SECONDS
  (cd "$work/clone" && PATH="/usr/bin:$PATH" exec setsid make serve PORT="$port") >"$log" 2>&1 &
  server=$!
  for path in "${paths[@]}"; do
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path")" = 200 ]; do
      if ! kill -0 "$server" 2>/dev/null; then
        echo "error: make serve stopped; its output:" >&2
        tail -n 30 "$log" >&2
        exit 1
      fi
      if (( SECONDS - start > timeout )); then
        echo "error: $path did not answer within $timeout s" >&2
        exit 1
      fi
      sleep 2
    done
  done
  echo "  every path answered after $(( SECONDS - start )) s"
}

echo "python3 first on the PATH: $(PATH="/usr/bin:$PATH" command -v python3) ($(/usr/bin/python3 --version))"
echo "cloning $repo ($branch)"
git clone --quiet --branch "$branch" "$repo" "$work/clone"

echo "first make serve (creates .venv/, installs, builds):"
serve_until_up "$work/first.log"
grep -q "Serving the site at http://127.0.0.1:$port/" "$work/first.log"
stop
if grep -q -- "--break-system-packages" "$work/first.log"; then
  echo "error: something installed into the system Python" >&2
  exit 1
fi
[ -x "$work/clone/.venv/bin/python" ] || { echo "error: no .venv/ was made" >&2; exit 1; }

echo "second make serve (must install nothing):"
serve_until_up "$work/second.log"
stop
if grep -E -q "pip install|npm ci|apt-get" "$work/second.log"; then
  echo "error: the second run installed something:" >&2
  grep -E "pip install|npm ci|apt-get" "$work/second.log" >&2
  exit 1
fi
echo "ok: a clean clone serves /, /da/ and /calculators/load/ with Debian's python3"
