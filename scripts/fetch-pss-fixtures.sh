#!/usr/bin/env bash
# Downloads the upstream Pod Security Standards conformance fixtures (the pods that the
# Kubernetes pod-security-admission library is tested against) and lays them out as
#   DEST/testdata/<level>/<version>/{pass,fail}/*.yaml
# writing nothing else. test/pss/conformance.test.ts reads them from
#   $RAMPART_SHARED/conformance/pss   (default: ../shared/conformance/pss beside the project).
#
# Usage: scripts/fetch-pss-fixtures.sh [DEST]
#   DEST defaults to ${RAMPART_SHARED:-<project>/../shared}/conformance/pss
set -euo pipefail

REPO="https://github.com/kubernetes/pod-security-admission"
COMMIT="8f84a87c7f617f64a4ddc1aea24aeeb7a2e07cb8"
EXPECTED_FIXTURES=4537

project_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${RAMPART_SHARED:-${project_root}/../shared}"
dest="${1:-${shared}/conformance/pss}"

log() { echo "[fetch-pss-fixtures] $*" >&2; }
fail() { echo "[fetch-pss-fixtures] error: $*" >&2; exit 1; }

if [ -e "${dest}/testdata" ]; then
  fail "${dest}/testdata already exists; remove it first if you want to download it again"
fi

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

# Prefer git (fetches only the one commit); fall back to the GitHub tarball.
fetch_with_git() {
  command -v git >/dev/null 2>&1 || return 1
  git -C "${work}" init -q src &&
    git -C "${work}/src" remote add origin "${REPO}.git" &&
    git -C "${work}/src" fetch -q --depth 1 origin "${COMMIT}" &&
    git -C "${work}/src" -c advice.detachedHead=false checkout -q FETCH_HEAD
}

fetch_with_tarball() {
  command -v curl >/dev/null 2>&1 || return 1
  mkdir -p "${work}/src" &&
    curl -fsSL "${REPO}/archive/${COMMIT}.tar.gz" | tar -xz -C "${work}/src" --strip-components 1
}

log "downloading ${REPO} at ${COMMIT}"
if ! fetch_with_git; then
  log "git fetch failed; trying the tarball"
  rm -rf "${work}/src"
  fetch_with_tarball || fail "could not download ${REPO} at ${COMMIT} (need git or curl, and network access)"
fi

source_dir="${work}/src/test/testdata"
[ -d "${source_dir}/baseline" ] && [ -d "${source_dir}/restricted" ] ||
  fail "the download has no test/testdata/{baseline,restricted}"

mkdir -p "${dest}/testdata"
cp -R "${source_dir}/baseline" "${source_dir}/restricted" "${dest}/testdata/"

count="$(find "${dest}/testdata" -name '*.yaml' -type f | wc -l | tr -d ' ')"
if [ "${count}" != "${EXPECTED_FIXTURES}" ]; then
  log "warning: found ${count} fixtures, expected ${EXPECTED_FIXTURES}"
fi
log "wrote ${count} fixtures to ${dest}/testdata"
