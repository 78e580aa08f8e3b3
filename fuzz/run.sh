#!/usr/bin/env bash
# Short fuzz runs for ctest (registered by fuzz/tests.cmake).
#
#   run.sh build CLANGXX SOURCE_DIR FUZZ_BUILD_DIR
#       configures the project with clang and TRACUU_FUZZ=ON in FUZZ_BUILD_DIR, builds the targets;
#   run.sh run TARGET SOURCE_DIR FUZZ_BUILD_DIR SECONDS
#       replays fuzz/regressions/TARGET/* (every input that ever crashed), then fuzzes for SECONDS
#       from fuzz/corpus/TARGET plus what earlier runs in FUZZ_BUILD_DIR found.
#
# Exit 77 (ctest: skipped) when clang or its libFuzzer runtime is missing; the reason is printed.
set -euo pipefail

mode=${1:?usage: run.sh build|run ...}
skip() {
  echo "fuzz: skipped: $*"
  exit 77
}

if [ "$mode" = build ]; then
  clangxx=$2 source_dir=$3 build_dir=$4
  mkdir -p "$build_dir"
  rm -f "$build_dir/SKIPPED"
  if [ -z "$clangxx" ] || [ ! -x "$clangxx" ]; then
    echo "clang++ not found (Debian: clang)" > "$build_dir/SKIPPED"
    skip "$(cat "$build_dir/SKIPPED")"
  fi
  # -fsanitize=fuzzer links the libFuzzer runtime, which Debian ships apart from the compiler.
  probe=$build_dir/probe
  printf '#include <cstddef>\n#include <cstdint>\nextern "C" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) { return 0; }\n' > "$probe.cpp"
  if ! "$clangxx" -fsanitize=fuzzer,address,undefined "$probe.cpp" -o "$probe" 2> "$probe.log"; then
    echo "$clangxx cannot link -fsanitize=fuzzer (Debian: libclang-rt-14-dev): $(head -n 1 "$probe.log")" > "$build_dir/SKIPPED"
    skip "$(cat "$build_dir/SKIPPED")"
  fi
  # Build type "Fuzz" has no flags of its own: no NDEBUG, so assertions stay on; fuzz/CMakeLists.txt sets -O1.
  "${CMAKE:-cmake}" -S "$source_dir" -B "$build_dir" -DCMAKE_CXX_COMPILER="$clangxx" -DCMAKE_BUILD_TYPE=Fuzz \
    -DTRACUU_FUZZ=ON -DTRACUU_BUILD_TESTS=OFF > "$build_dir/configure.log" || { cat "$build_dir/configure.log"; exit 1; }
  "${CMAKE:-cmake}" --build "$build_dir" --target tracuu_fuzz_targets -j "${TRACUU_FUZZ_JOBS:-2}"
  exit 0
fi

[ "$mode" = run ] || { echo "usage: run.sh build|run ..." >&2; exit 2; }
target=$2 source_dir=$3 build_dir=$4 seconds=$5
[ -f "$build_dir/SKIPPED" ] && skip "$(cat "$build_dir/SKIPPED")"
exe=$build_dir/fuzz/fuzz_$target
[ -x "$exe" ] || { echo "fuzz: $exe is missing: did the fuzz.build test run?" >&2; exit 1; }

regressions=$source_dir/fuzz/regressions/$target
if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
  echo "fuzz: replaying $(ls -A "$regressions" | wc -l) input(s) of $regressions"
  # libFuzzer's own error exit code is 77, which ctest would read as "skipped".
  "$exe" -error_exitcode=1 "$regressions"/*
fi

corpus=$build_dir/corpus/$target
artifacts=$build_dir/artifacts/$target/
mkdir -p "$corpus" "$artifacts"
status=0
"$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -error_exitcode=1 -print_final_stats=1 \
  -artifact_prefix="$artifacts" "$corpus" "$source_dir/fuzz/corpus/$target" > "$build_dir/$target.log" 2>&1 || status=$?
grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::average_exec_per_sec)' "$build_dir/$target.log" || true
if [ "$status" -ne 0 ]; then
  tail -n 60 "$build_dir/$target.log"
  echo "fuzz: $target found a crash, saved in $artifacts. Minimise it and keep it as a regression:"
  echo "  $exe -minimize_crash=1 -runs=20000 -exact_artifact_path=$source_dir/fuzz/regressions/$target/NAME ${artifacts}crash-…"
  exit 1
fi
