#!/usr/bin/env bash
# Installs what the browser tests need (Debian's Chromium and a Java runtime for the Nu HTML
# checker) when they are missing and this machine can install them. Elsewhere it only warns: the
# browser tests then skip, except where REQUIRE_BROWSER=1 (CI) makes a missing browser a failure.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
# Arabic, Cyrillic and Latin glyphs for screenshots that humans look at.
[ -d /usr/share/fonts/truetype/noto ] || missing+=(fonts-noto-core)
# The documented production stack's buffering proxy, for the slow-client tests.
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)

[ ${#missing[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing ${missing[*]} for the browser tests ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Browser tests need: ${missing[*]} (not installed; run as root on Debian to install them)." >&2
  echo "Without them the browser tests are skipped." >&2
fi
