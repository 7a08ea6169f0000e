#!/usr/bin/env bash
# Runs one fuzz target for ctest (CMakeLists.txt here):
#   run.sh BINARY NAME SOURCE_DIR WORK_DIR MAX_LEN cases
#     every file of regressions/NAME/ and corpus/NAME/ once (the README files aside);
#   run.sh BINARY NAME SOURCE_DIR WORK_DIR MAX_LEN fuzz SECONDS
#     fuzzes for SECONDS from those files; new inputs go to WORK_DIR/corpus, a crash to
#     WORK_DIR/crash-* (copy it into regressions/NAME/ once the bug is fixed).
set -euo pipefail
binary=$1 name=$2 source=$3 work=$4 max_len=$5 mode=$6

regressions=$source/regressions/$name
seeds=$source/corpus/$name
mkdir -p "$work/corpus"
# An input slower than 2 s is a finding; so is a worker-sized memory use.
options=(-max_len="$max_len" -timeout=2 -rss_limit_mb=2048 -malloc_limit_mb=512
         -artifact_prefix="$work/" -print_final_stats=1)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

case $mode in
  cases)
    files=()
    while IFS= read -r -d '' file; do files+=("$file"); done < <(
      find "$regressions" "$seeds" -type f ! -name 'README*' -print0 2>/dev/null | sort -z)
    echo "$name: ${#files[@]} kept inputs"
    [ ${#files[@]} -eq 0 ] && exit 0
    exec "$binary" "${options[@]}" "${files[@]}"
    ;;
  fuzz)
    seconds=$7
    # The first folder receives what the run finds; the others are read only.
    exec "$binary" "${options[@]}" -max_total_time="$seconds" "$work/corpus" "$seeds" \
      "$regressions"
    ;;
  *)
    echo "run.sh: unknown mode $mode" >&2
    exit 2
    ;;
esac
