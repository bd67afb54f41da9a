#!/usr/bin/env bash
# Regenerates docs/tidings.1 from the command's own help with swift-argument-parser's
# GenerateManual plugin (offline: the plugin comes with the package), then runs
# ManualPageTests, which regenerates the page once more with the same generator and checks
# that the committed one matches it line for line (all but the date), and that it holds
# every text of --help. Run it whenever a command, option or help text changes.
#
#   scripts/generate-manual.sh            writes docs/tidings.1, then runs ManualPageTests
set -euo pipefail
cd "$(dirname "$0")/.."

# The debug build the tests use; the plugin's default is a release build of everything.
swift package --allow-writing-to-package-directory generate-manual \
    --configuration debug --date "$(date -u +%Y-%m-%d)" --authors "The Tidings authors"
cp .build/plugins/GenerateManual/outputs/tidings/tidings.1 docs/tidings.1
echo "wrote docs/tidings.1 ($(wc -l <docs/tidings.1) lines); read it with: man -l docs/tidings.1"

# Two jobs: the machines this runs on are shared.
swift build --build-tests -j 2
swift test --skip-build --filter ManualPageTests
