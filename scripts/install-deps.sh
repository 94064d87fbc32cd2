#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, only those that are missing.
# Runs as root (CI and the developers' machines are root); uses sudo otherwise.
set -euo pipefail
PKGS=(
  build-essential cmake pkg-config
  libsqlite3-dev libpq-dev libcli11-dev libfmt-dev libspdlog-dev nlohmann-json3-dev
  libicu-dev libxlsxwriter-dev libminizip-dev libpugixml-dev zlib1g-dev
  libsodium-dev libhowardhinnant-date-dev libcpp-httplib-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcairo2-dev libpango1.0-dev fonts-dejavu-core
  sqlite3 poppler-utils python3 python3-docx python3-openpyxl
  postgresql  # the server store: its tests start their own server (tests/pg/start_pg.sh)
  chromium wrk
)
# Node and npm (the web UI's assets, the API and browser tests): Debian's, unless some node is
# already on the PATH.
if ! command -v node > /dev/null || ! command -v npm > /dev/null; then PKGS+=(nodejs npm); fi
if [ "${BAOPHU_EXTRA_PKGS:-}" != "" ]; then PKGS+=(${BAOPHU_EXTRA_PKGS}); fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "Cài đặt các gói còn thiếu / installing missing packages: ${missing[*]}"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
