#!/usr/bin/env bash
# Vendor the precompiled govuk-frontend assets into the server crate.
#
#   scripts/vendor-govuk-frontend.sh          copy from node_modules (run `npm ci` first)
#   scripts/vendor-govuk-frontend.sh --check  fail if the vendored copy differs
#
# The binary serves crates/server/assets/govuk/ at URL path /assets/, which is
# govuk-frontend's default $govuk-assets-path, so the precompiled CSS finds its
# fonts and images without being rebuilt:
#
#   node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css -> assets/govuk/govuk-frontend.min.css
#   node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js  -> assets/govuk/govuk-frontend.min.js
#   node_modules/govuk-frontend/dist/govuk/assets/*               -> assets/govuk/*  (fonts/, images/, manifest.json)
#   package version                                               -> assets/govuk/VERSION
#
# It also copies the components' fixtures.json (pre-rendered reference HTML,
# useful for golden tests of our hand-written templates) into
# docs/dev/govuk-fixtures/<component>.json.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

package_dir="node_modules/govuk-frontend"
dist_dir="$package_dir/dist/govuk"
assets_dest="crates/server/assets/govuk"
fixtures_dest="docs/dev/govuk-fixtures"
fixture_components=(
  header generic-header service-navigation footer skip-link phase-banner breadcrumbs
  error-summary notification-banner panel summary-list table task-list tag pagination
  radios checkboxes input select textarea button
)

mode="${1:-copy}"
case "$mode" in
  copy | --check) ;;
  *)
    echo "usage: $0 [--check]" >&2
    exit 2
    ;;
esac

if [[ ! -f "$package_dir/package.json" || ! -d "$dist_dir" ]]; then
  echo "error: $dist_dir not found; run 'npm ci' first." >&2
  exit 1
fi

version="$(node -p "require('./$package_dir/package.json').version")"

# Build the expected trees in a scratch directory, then copy or compare.
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT

mkdir -p "$staging/assets" "$staging/fixtures"
cp "$dist_dir/govuk-frontend.min.css" "$dist_dir/govuk-frontend.min.js" "$staging/assets/"
cp -R "$dist_dir/assets/." "$staging/assets/"
printf '%s\n' "$version" >"$staging/assets/VERSION"

for component in "${fixture_components[@]}"; do
  fixture="$dist_dir/components/$component/fixtures.json"
  if [[ -f "$fixture" ]]; then
    cp "$fixture" "$staging/fixtures/$component.json"
  fi
done

if [[ "$mode" == "--check" ]]; then
  status=0
  for pair in "assets:$assets_dest" "fixtures:$fixtures_dest"; do
    expected="$staging/${pair%%:*}"
    actual="${pair#*:}"
    if [[ ! -d "$actual" ]]; then
      echo "error: $actual is missing." >&2
      status=1
    elif ! differences="$(diff -rq "$expected" "$actual")"; then
      echo "error: $actual differs from govuk-frontend $version in node_modules:" >&2
      # Name the scratch directory for what it holds.
      printf '%s\n' "${differences//$expected/[expected from govuk-frontend $version]}" | sed 's/^/  /' >&2
      status=1
    fi
  done
  if [[ $status -ne 0 ]]; then
    vendored="$(head -n 1 "$assets_dest/VERSION" 2>/dev/null || echo none)"
    echo "Vendored version: $vendored; version in node_modules: $version." >&2
    echo "Run scripts/vendor-govuk-frontend.sh and commit the result." >&2
    exit 1
  fi
  echo "govuk-frontend $version: vendored assets and fixtures match node_modules."
  exit 0
fi

rm -rf "$assets_dest" "$fixtures_dest"
mkdir -p "$assets_dest" "$fixtures_dest"
cp -R "$staging/assets/." "$assets_dest/"
cp -R "$staging/fixtures/." "$fixtures_dest/"
echo "Vendored govuk-frontend $version into $assets_dest/ ($(find "$assets_dest" -type f | wc -l) files)"
echo "Copied $(find "$fixtures_dest" -type f | wc -l) component fixtures into $fixtures_dest/"
