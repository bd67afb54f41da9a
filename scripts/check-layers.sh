#!/usr/bin/env bash
# Layer guard, run by .ci/run: each target imports only what Package.swift declares for it,
# and the modules that must stay in one place are imported only there (docs/architecture.md).
#
#   scripts/check-layers.sh        exit 0 when every rule holds, 1 with one line per breach
set -euo pipefail
cd "$(dirname "$0")/.."

# Who may import what: MODULE=TARGET[,TARGET...]. Only those source targets may import MODULE
# (test targets may, to look inside a database or a terminal). A new C module is one more line.
only_in=(
    "CNcursesw=TidingsTerminal"
    "GRDB=TidingsLibrary"
    "GRDBSQLite=TidingsLibrary"
    "CLibXML2=TidingsWeb"
    "TOMLKit=TidingsConfig"
    "CCrypto=TidingsCore"
    "CTidingsRank=TidingsLibrary"
)
# Targets that may depend on nothing of ours at all, but for a system library of their own
# (a C module above, such as CCrypto for TidingsCore).
leaves=(TidingsScreen TidingsCore TidingsPTY)
# Modules that come with the toolchain or the system: never declared.
system="Foundation FoundationEssentials FoundationNetworking Glibc Dispatch Synchronization Testing XCTest _Concurrency"

swift package dump-package >/tmp/tidings-package-$$.json
trap 'rm -f /tmp/tidings-package-$$.json' EXIT

python3 - /tmp/tidings-package-$$.json "$system" "${leaves[*]}" "${only_in[@]}" <<'EOF'
import json, os, re, sys

package = json.load(open(sys.argv[1]))
system = set(sys.argv[2].split())
leaves = set(sys.argv[3].split())
only_in = {}
for rule in sys.argv[4:]:
    module, targets = rule.split("=")
    only_in[module] = set(targets.split(","))

targets = {t["name"]: t for t in package["targets"]}
ours = set(targets)
# System library modules (C headers and a link line) are no layer of ours: `only_in` places them.
system_modules = {name for name, target in targets.items() if target["type"] == "system"}
import_line = re.compile(
    r"^\s*(?:@testable\s+|@_exported\s+|@_implementationOnly\s+)?"
    r"(?:public\s+|package\s+|internal\s+|fileprivate\s+|private\s+)?"
    r"import\s+(?:(?:struct|class|enum|protocol|typealias|func|var|let)\s+)?([A-Za-z_][A-Za-z0-9_]*)")

problems = []
for name, target in sorted(targets.items()):
    if target["type"] == "system":
        continue
    declared = set()
    for dependency in target["dependencies"]:
        for kind in ("byName", "target", "product"):
            if kind in dependency:
                declared.add(dependency[kind][0])
    if name in leaves and declared & (ours - system_modules):
        problems.append(
            f"{name}: declares {', '.join(sorted(declared & (ours - system_modules)))} but must depend on nothing of ours")
    folder = target.get("path") or os.path.join("Tests" if target["type"] == "test" else "Sources", name)
    for root, _, files in os.walk(folder):
        for file in sorted(files):
            if not file.endswith(".swift"):
                continue
            path = os.path.join(root, file)
            for number, line in enumerate(open(path, encoding="utf-8"), 1):
                match = import_line.match(line)
                if not match:
                    continue
                module = match.group(1)
                where = f"{path}:{number}"
                if module in system:
                    continue
                if module not in declared:
                    problems.append(f"{where}: {name} imports {module}, which Package.swift does not declare for it")
                allowed = only_in.get(module)
                if allowed is not None and target["type"] != "test" and name not in allowed:
                    problems.append(f"{where}: only {', '.join(sorted(allowed))} may import {module}")

for problem in problems:
    print(f"check-layers: {problem}")
if problems:
    sys.exit(1)
print(f"check-layers: {len(targets)} targets keep their layers")
EOF
