#!/usr/bin/env bash
# The project's test command (README and .ci/run): the browser the browser tests need, the
# package with its test extras, then the whole suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ] && ! { command -v chromium && command -v chromedriver; } >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null
fi
python3 -m pip install -q -e '.[test]'
exec python3 -m pytest "$@"
