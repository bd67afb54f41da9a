#!/usr/bin/env bash
# The long-running reliability checks (docs/testing.md). Not part of CI: too slow for its budget.
#
#   scripts/reliability.sh                 everything: --fuzz --archives --asan --tsan
#   scripts/reliability.sh --fuzz [N]      libFuzzer on the parser, the query builder, the web
#                                          reader, highlighting and pastes, N runs each
#                                          (default 1000000); findings land in $OUT/fuzz-artifacts
#   scripts/reliability.sh --fuzz-target parser|query|web|highlight|paste   limit --fuzz to one target
#   scripts/reliability.sh --archives      200 MB single line, 100,000 posts and other bad archives
#                                          through `tidings import`, peak memory checked
#   scripts/reliability.sh --asan          the suite under AddressSanitizer, with and without canary
#   scripts/reliability.sh --tsan          the suite under ThreadSanitizer, with and without canary
#
# Output and generated files go to $OUT (default /tmp/tidings-reliability); build folders are
# .build-fuzzrel, .build-rel, .build-asan and .build-tsan (git-ignored).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${OUT:-/tmp/tidings-reliability}
mkdir -p "$OUT"
export SWIFT_BACKTRACE=enable=no

fuzz=0 archives=0 asan=0 tsan=0 runs=1000000 targets="parser query web highlight paste"
[ $# -eq 0 ] && fuzz=1 archives=1 asan=1 tsan=1
while [ $# -gt 0 ]; do
    case "$1" in
        --fuzz) fuzz=1; if [[ "${2:-}" =~ ^[0-9]+$ ]]; then runs=$2; shift; fi ;;
        --fuzz-target) targets=$2; shift ;;
        --archives) archives=1 ;;
        --asan) asan=1 ;;
        --tsan) tsan=1 ;;
        -h|--help) sed -n 2,17p "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

failures=()
say() { printf '\n== %s\n' "$*"; }
fail() { echo "FAIL: $*"; failures+=("$*"); }

if [ $fuzz = 1 ]; then
    # Release (-O): 3 to 7 times the executions per second of a debug build, still with
    # ASan and libFuzzer's coverage; the first build takes about 4 minutes.
    say "fuzz: building the libFuzzer binary (release, .build-fuzzrel)"
    swift build -c release --scratch-path .build-fuzzrel --product tidings-fuzz \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING >"$OUT/fuzz-build.log" 2>&1 \
        || { tail -30 "$OUT/fuzz-build.log"; fail "fuzz build"; }
    bin=$(swift build -c release --scratch-path .build-fuzzrel --show-bin-path)/tidings-fuzz
    for target in $targets; do
        case $target in
            parser) seeds=Tests/TidingsCoreTests/FuzzRegressions/parser ;;
            query) seeds=Tests/TidingsLibraryTests/FuzzRegressions/query ;;
            web) seeds=Tests/TidingsWebTests/FuzzRegressions/web ;;
            highlight | paste) seeds=Tests/TidingsUITests/FuzzRegressions/$target ;;
            *) fail "unknown fuzz target $target"; continue ;;
        esac
        corpus=$OUT/corpus-$target artifacts=$OUT/fuzz-artifacts
        mkdir -p "$corpus" "$artifacts"
        cp -n "$seeds"/* "$corpus"/ 2>/dev/null || true
        say "fuzz $target: $runs runs (log $OUT/fuzz-$target.log)"
        started=$(date +%s)
        TIDINGS_FUZZ_TARGET=$target "$bin" -runs="$runs" -max_len=4096 -print_final_stats=1 \
            -artifact_prefix="$artifacts/$target-" "$corpus" >"$OUT/fuzz-$target.log" 2>&1
        status=$?
        elapsed=$(( $(date +%s) - started ))
        executed=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$OUT/fuzz-$target.log" | grep -o '[0-9]*$')
        rate=$(grep -Eo 'stat::average_exec_per_sec: *[0-9]+' "$OUT/fuzz-$target.log" | grep -o '[0-9]*$')
        echo "fuzz $target: exit $status, ${executed:-?} executions in ${elapsed}s (${rate:-?} exec/s)"
        if [ $status -ne 0 ]; then
            grep -E 'ERROR|Fatal error|SUMMARY|Test unit written' "$OUT/fuzz-$target.log" | head -10
            fail "fuzz $target found a crash: copy the artifact into $seeds/ and fix it"
        fi
    done
fi

if [ $archives = 1 ]; then
    say "archives: building tidings (release, .build-rel)"
    swift build --scratch-path .build-rel -c release --product tidings >"$OUT/rel-build.log" 2>&1 \
        || { tail -30 "$OUT/rel-build.log"; fail "release build"; }
    tidings=${TIDINGS_BIN:-$(swift build --scratch-path .build-rel -c release --show-bin-path)/tidings}
    data=$OUT/archives; rm -rf "$data"; mkdir -p "$data"
    python3 - "$data" <<'PY'
import os, random, sys
d = sys.argv[1]
open(f"{d}/empty.txt", "wb").close()
with open(f"{d}/line-200mb.txt", "wb") as f:           # one 200 MB line, no line end
    chunk = b"x" * (1 << 20)
    for _ in range(200): f.write(chunk)
rng = random.Random(7)
with open(f"{d}/random.txt", "wb") as f: f.write(rng.randbytes(16 << 20))
with open(f"{d}/invalid-utf8.txt", "wb") as f:
    for n in range(2000):
        f.write(b"Caf\xe9 story %d\n\nPosted on 2020-01-01 by A\n\nBody \xff\xfe text %d.\n\n" % (n, n))
with open(f"{d}/cr-only.txt", "wb") as f:
    for n in range(2000):
        f.write(b"CR story %d\rPosted on 2020-01-01 by A\r\rBody %d.\r\r[BBC]\r\r" % (n, n))
with open(f"{d}/posts-100k.txt", "w") as f:
    f.write("Category: Bulk\n\n")
    for n in range(100_000):
        f.write(f"Story number {n}\n\nPosted on 2020-01-01 by Writer {n % 17}\n\nBody of story {n}, some words about it.\n\n[Outlet {n % 5}]\n\n")
PY
    printf '%-18s %12s %10s %12s %8s %6s  %s\n' file bytes peak_kB bound_kB seconds exit message > "$OUT/archives.txt"
    for file in empty.txt line-200mb.txt random.txt invalid-utf8.txt cr-only.txt posts-100k.txt; do
        path=$data/$file
        size=$(stat -c %s "$path")
        rm -f "$data/library.sqlite"*
        /usr/bin/time -v -o "$data/time.txt" env TIDINGS_LIBRARY="$data/library.sqlite" \
            "$tidings" import "$path" >"$data/out.txt" 2>"$data/err.txt"
        status=$?
        peak=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$data/time.txt")
        seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$data/time.txt")
        bound=$(( (2 * size) / 1024 + 64 * 1024 ))
        message=$( (head -c 300 "$data/err.txt"; tr '\n' ' ' <"$data/out.txt") | tr '\n' ' ' | cut -c1-160)
        printf '%-18s %12s %10s %12s %8s %6s  %s\n' "$file" "$size" "$peak" "$bound" "$seconds" "$status" "$message" | tee -a "$OUT/archives.txt"
        [ "$status" -ge 128 ] || [ "$status" -eq 1 ] && fail "import of $file crashed (exit $status)"
        [ "${peak:-0}" -gt "$bound" ] && fail "import of $file peaked at ${peak} kB, over ${bound} kB"
    done
    grep -q 'posts: 100000 new' <(grep posts-100k "$OUT/archives.txt") || fail "posts-100k.txt: not all 100,000 posts imported"
    rm -rf "$data"
fi

# Runs the suite under a sanitizer twice: with the canary (must fail), then without (must pass).
sanitized_suite() {
    local name=$1; shift
    say "$name: suite with TIDINGS_CANARY=$name (must fail)"
    TIDINGS_CANARY=$name "$@" --filter SanitizerCanaryTests >"$OUT/$name-canary.log" 2>&1
    local status=$?
    grep -E "ERROR: (Address|Thread)Sanitizer|WARNING: ThreadSanitizer|SUMMARY" "$OUT/$name-canary.log" | head -3
    if [ $status -eq 0 ]; then fail "$name canary did not fail the run"; else echo "$name canary: run failed as it must (exit $status)"; fi
    say "$name: whole suite (must pass; log $OUT/$name.log)"
    "$@" >"$OUT/$name.log" 2>&1
    status=$?
    grep -E "ERROR: (Address|Leak|Thread)Sanitizer|WARNING: ThreadSanitizer|Executed [0-9]+ tests" "$OUT/$name.log" | sort | uniq -c | tail -5
    if [ $status -ne 0 ]; then fail "$name suite (exit $status)"; else echo "$name suite: passed"; fi
}

if [ $asan = 1 ]; then
    export LSAN_OPTIONS="suppressions=$ROOT/.ci/lsan.supp:print_suppressions=0"
    # The crash tests send SIGSEGV and SIGABRT and expect the program's own crash guard to
    # restore the terminal and die of the signal (139, 134): ASan's handlers would take
    # those signals and exit 1. A real memory error is still reported: ASan finds it
    # before any signal.
    export ASAN_OPTIONS="handle_segv=0:handle_sigbus=0:handle_abort=0:handle_sigill=0:handle_sigfpe=0"
    sanitized_suite asan swift test --scratch-path .build-asan -Xswiftc -sanitize=address
    unset LSAN_OPTIONS ASAN_OPTIONS
fi
if [ $tsan = 1 ]; then
    # halt_on_error: otherwise a race is reported and the run still exits 0. The handle_*
    # flags: as for ASan, the crash tests need the program's own crash guard to get SIGSEGV
    # and SIGABRT (TSan would report the signal itself and exit 66).
    export TSAN_OPTIONS="halt_on_error=1:handle_segv=0:handle_sigbus=0:handle_abort=0:handle_sigill=0:handle_sigfpe=0"
    sanitized_suite tsan swift test --scratch-path .build-tsan --sanitize=thread
    unset TSAN_OPTIONS
fi

say "summary"
if [ ${#failures[@]} -eq 0 ]; then echo "all selected checks passed"; exit 0; fi
printf '  %s\n' "${failures[@]}"
exit 1
