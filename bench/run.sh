#!/usr/bin/env bash
# bench/run.sh — the "Scale and speed" benchmarks in one run, one markdown
# table. Run from the repository root:
#
#   bash bench/run.sh            # full run (Reuters, 1 M quads); tens of minutes on a busy 2-core box
#   bash bench/run.sh --quick    # smoke run: small slices of everything, a few minutes
#   bash bench/run.sh --postgres # also start a throw-away PostgreSQL if KG_TEST_POSTGRES_URL is unset
#   bash bench/run.sh --only=build,import   # some of: nlp, build, import, rel, pg
#                                (without build, the Reuters store of an earlier run is reused)
#
# Everything it writes goes to bench/out/ (git-ignored; $KG_BENCH_OUT
# overrides it); the table goes to standard output and to bench/out/table.md. Jobs run under `nice -n 10`.
#
# What it measures, each row against the target of the issue:
#   - NLP core (tokenise, tag, parse, NER) words/s vs prose v3 on the same
#     Reuters articles, one CPU (bench/nlp, a separate module).
#   - kg build of the Reuters corpus into a fresh bbolt store: wall time and
#     peak RSS (/usr/bin/time -v), then an unchanged re-run.
#   - kg import vs stock `cayley load` (the pinned Cayley, built from
#     bench/cayleyload so kg's go.mod stays clean) on the same N-Quads file,
#     a prefix of the Reuters graph's export, and a check that both stores
#     export the same sorted quads.
#   - kg rel A B latency on the Reuters graph: in-process (bench/relbench,
#     ~200 pairs drawn deterministically from `kg entities`) and a few runs
#     of the real binary (process start-up included).
#   - PostgreSQL: graph/pgbulk vs Cayley's SQL writer (bench/pgload), when a
#     server is available.
set -euo pipefail

# The whole script is one function, called on the last line: bash then
# parses all of it before running any, so editing the file while a long run
# is under way cannot derail that run.
main() {
cd "$(dirname "$0")/.."

QUICK=0
START_PG=0
ONLY=""
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    --postgres) START_PG=1 ;;
    --only=*) ONLY=${arg#--only=} ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

OUT=${KG_BENCH_OUT:-bench/out}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
SHARED=$(cd "${KG_SHARED_DIR:-../shared}" 2>/dev/null && pwd || true)
CORPUS=$SHARED/data/corpus/reuters21578.jsonl
if [ -z "$SHARED" ] || [ ! -f "$CORPUS" ]; then
  echo "bench/run.sh: ${KG_SHARED_DIR:-../shared}/data/corpus/reuters21578.jsonl not found (set KG_SHARED_DIR)" >&2
  exit 1
fi
NICE="nice -n 10"

if [ "$QUICK" = 1 ]; then
  NLP_DOCS=100         # Reuters articles for the NLP comparison
  BUILD_DOCS=300       # Reuters articles for kg build (a prefix of the corpus)
  IMPORT_QUADS=100000  # quads for kg import vs cayley load
  PG_QUADS=5000        # quads for the PostgreSQL writers
  REL_PAIRS=30
  REL_RUNS=2
  REL_TIMEOUT=600
else
  NLP_DOCS=1000
  BUILD_DOCS=all
  IMPORT_QUADS=1000000
  PG_QUADS=100000
  REL_PAIRS=200
  REL_RUNS=5
  REL_TIMEOUT=${KG_BENCH_REL_TIMEOUT:-1800}
fi

# want SECTION: whether --only (default: everything) includes it.
want() { [ -z "$ONLY" ] || [[ ",$ONLY," == *",$1,"* ]]; }
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

# /usr/bin/time -v gives peak RSS; install GNU time when it is missing.
if [ ! -x /usr/bin/time ]; then
  log "installing GNU time"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq time >/dev/null
fi

# timed NAME CMD...: runs CMD under /usr/bin/time -v, stdout to
# $OUT/NAME.out, the time report to $OUT/NAME.time; fails like CMD.
timed() {
  local name=$1; shift
  $NICE /usr/bin/time -v -o "$OUT/$name.time" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" || {
    echo "bench/run.sh: $name failed: $*" >&2; tail -20 "$OUT/$name.err" >&2; return 1; }
}
# wall NAME: elapsed seconds from a /usr/bin/time -v report.
wall() {
  awk -F': ' '/Elapsed \(wall clock\)/ {
    n = split($2, p, ":"); s = 0
    for (i = 1; i <= n; i++) s = s * 60 + p[i]
    printf "%.2f", s }' "$OUT/$1.time"
}
# cpu NAME: user + system CPU seconds from a /usr/bin/time -v report.
cpu() { awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { printf "%.1f", s }' "$OUT/$1.time"; }
# rss_mb NAME: peak resident set size in MB from a /usr/bin/time -v report.
rss_mb() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$OUT/$1.time"; }
# kv FILE KEY: the value of a "key value" line.
kv() { awk -v k="$2" '$1 == k { print $2; exit }' "$1"; }
# ratio A B: A/B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
# verdict VALUE OP LIMIT: pass or fail.
verdict() { awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
  if (v == "" || v == "n/a") { print "n/a"; exit }
  ok = (op == ">=") ? (v + 0 >= l + 0) : (v + 0 <= l + 0); print ok ? "pass" : "**fail**" }'; }

ROWS=()
row() { ROWS+=("| $1 | $2 | $3 | $4 |"); }

# --- machine ----------------------------------------------------------------
DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
CPU=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
MEM=$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain -- cmd extract schema graph 2>/dev/null)" ]; then COMMIT="$COMMIT + uncommitted changes"; fi

# --- build the binaries -----------------------------------------------------
log "building kg, relbench, pgload and stock cayley"
$NICE go build -o "$OUT/kg" ./cmd/kg
$NICE go build -o "$OUT/relbench" ./bench/relbench
$NICE go build -o "$OUT/pgload" ./bench/pgload
(cd bench/cayleyload && $NICE go build -o "$OUT/cayley" github.com/cayleygraph/cayley/cmd/cayley \
  && $NICE go build -o "$OUT/cayley-bbolt" .)
KG=$OUT/kg
CAYLEY=$OUT/cayley
CAYLEY_BBOLT=$OUT/cayley-bbolt

# --- 1. NLP core vs prose ----------------------------------------------------
if want nlp; then
  log "NLP core vs prose v3 ($NLP_DOCS Reuters articles, -cpu 1)"
  (cd bench/nlp && KG_SHARED_DIR=$SHARED KG_BENCH_NLP_DOCS=$NLP_DOCS \
    $NICE go test -run '^$' -bench NLPvsProse -benchtime 1x -cpu 1 .) >"$OUT/nlp.out" 2>&1 || {
    cat "$OUT/nlp.out" >&2; exit 1; }
  # "BenchmarkNLPvsProse  1  ...  123 kg_words/s  ...  4.5 ratio ..."
  nlpmetric() { awk -v u="$1" '/^BenchmarkNLPvsProse/ { for (i = 2; i <= NF; i++) if ($i == u) { printf "%.0f", $(i-1); exit } }' "$OUT/nlp.out"; }
  NLP_OURS=$(nlpmetric kg_words/cpu_s)
  NLP_FULL=$(nlpmetric kg_full_words/cpu_s)
  NLP_PROSE=$(nlpmetric prose_words/cpu_s)
  NLP_RATIO=$(awk '/^BenchmarkNLPvsProse/ { for (i = 2; i <= NF; i++) if ($i == "cpu_ratio") { printf "%.2f", $(i-1); exit } }' "$OUT/nlp.out")
  NLP_WALL_RATIO=$(awk '/^BenchmarkNLPvsProse/ { for (i = 2; i <= NF; i++) if ($i == "ratio") { printf "%.2f", $(i-1); exit } }' "$OUT/nlp.out")
  row "NLP core words per CPU second (tokenise+tag+parse+NER, -cpu 1, $NLP_DOCS Reuters articles)" "$NLP_OURS" "" ""
  row "prose v3 words per CPU second (tokenise+POS+NER, same text, interleaved article by article)" "$NLP_PROSE" "" ""
  row "NLP core ÷ prose, CPU time (wall time: ${NLP_WALL_RATIO}×)" "${NLP_RATIO}×" "≥ 3×" "$(verdict "$NLP_RATIO" '>=' 3)"
  row "full pipeline words per CPU second (+ coref, relations; -cpu 1)" "$NLP_FULL" "" ""

fi

# --- 2. kg build of Reuters --------------------------------------------------
DB=$OUT/reuters.db
if want build; then
  BUILD_IN=$CORPUS
  if [ "$BUILD_DOCS" != all ]; then
    BUILD_IN=$OUT/reuters-head.jsonl
    head -n "$BUILD_DOCS" "$CORPUS" >"$BUILD_IN"
  fi
  NDOCS=$(wc -l <"$BUILD_IN" | tr -d ' ')
  rm -rf "$DB"
  log "kg build of $NDOCS Reuters articles into a fresh bbolt store"
  timed build1 "$KG" build "$BUILD_IN" --store "bolt:$DB" --quiet
  log "unchanged re-run"
  timed build2 "$KG" build "$BUILD_IN" --store "bolt:$DB" --quiet
  B1=$(wall build1); B1RSS=$(rss_mb build1); B2=$(wall build2)
  BQUADS=$(awk '$1 == "quads" { print $2 }' "$OUT/build1.out")
  UNCHANGED=$(awk '$1 == "documents" { print $6 }' "$OUT/build2.out")
  WORKERS=$(nproc)
  row "kg build, $NDOCS Reuters articles → fresh bbolt ($BQUADS quads, $WORKERS workers): wall s (CPU user+sys $(cpu build1) s)" "$B1" "≤ 90 s" "$(verdict "$B1" '<=' 90)"
  row "kg build peak RSS" "$B1RSS MB" "≤ 2 GB" "$(verdict "$B1RSS" '<=' 2048)"
  row "kg build unchanged re-run ($UNCHANGED documents unchanged): wall s (CPU $(cpu build2) s)" "$B2" "≤ 10 s" "$(verdict "$B2" '<=' 10)"

elif want import || want rel || want pg; then
  [ -f "$DB/indexes.bolt" ] || { echo "bench/run.sh: --only without build needs $DB from an earlier run" >&2; exit 1; }
  log "reusing the Reuters store $DB from an earlier run"
fi

# --- 3. kg import vs cayley load ------------------------------------------------
NQ=$OUT/quads.nq
NQN=0; NQSRC="not made"
if want import || want pg; then
  log "exporting the first $IMPORT_QUADS quads of the Reuters graph"
  set +o pipefail # head closes the pipe early; kg export then stops with EPIPE
  $NICE "$KG" export --store "bolt:$DB" 2>/dev/null | head -n "$IMPORT_QUADS" >"$NQ"
  set -o pipefail
  NQN=$(wc -l <"$NQ" | tr -d ' ')
  NQSRC="a prefix of the Reuters graph's \`kg export\`"
  if [ "$NQN" -lt "$IMPORT_QUADS" ]; then NQSRC="the whole Reuters graph's \`kg export\` (it has fewer than $IMPORT_QUADS quads)"; fi
fi
if want import; then
  rm -rf "$OUT/import.db" "$OUT/cayley-bolt.db" "$OUT/cayley-bbolt.db"
  log "kg import of $NQN quads"
  timed import "$KG" import "$NQ" --store "bolt:$OUT/import.db"
  # The stock cayley binary registers only the legacy "bolt" backend
  # (github.com/boltdb/bolt); its "bbolt" is missing from graph/all. So the
  # stock comparison uses --db bolt, and cayley-bbolt — the same load command
  # from cayley's cmd/cayley/command package, with graph/kv/bbolt registered —
  # gives the comparison on the storage engine kg uses.
  log "stock cayley load --db bolt of the same $NQN quads"
  timed cayley-bolt "$CAYLEY" load --init --db bolt --dbpath "$OUT/cayley-bolt.db" --load "$NQ"
  log "cayley load --db bbolt (cayley's load command with bbolt registered)"
  timed cayley-bbolt "$CAYLEY_BBOLT" load --init --db bbolt --dbpath "$OUT/cayley-bbolt.db" --load "$NQ"
  TI=$(wall import); TC=$(wall cayley-bolt); TB=$(wall cayley-bbolt)
  QI=$(ratio "$NQN" "$TI"); QC=$(ratio "$NQN" "$TC"); QB=$(ratio "$NQN" "$TB")
  IMP_RATIO=$(ratio "$TC" "$TI"); IMP_RATIO_B=$(ratio "$TB" "$TI")
  log "comparing the stores' sorted exports"
  $NICE "$KG" export --store "bolt:$OUT/import.db" | LC_ALL=C sort >"$OUT/import.sorted.nq"
  $NICE "$CAYLEY" dump --db bolt --dbpath "$OUT/cayley-bolt.db" --dump - --dump_format nquads 2>/dev/null | LC_ALL=C sort >"$OUT/cayley-bolt.sorted.nq"
  $NICE "$CAYLEY_BBOLT" dump --db bbolt --dbpath "$OUT/cayley-bbolt.db" --dump - --dump_format nquads 2>/dev/null | LC_ALL=C sort >"$OUT/cayley-bbolt.sorted.nq"
  LC_ALL=C sort "$NQ" >"$OUT/input.sorted.nq"
  SAME="no"
  if cmp -s "$OUT/import.sorted.nq" "$OUT/cayley-bolt.sorted.nq" && cmp -s "$OUT/import.sorted.nq" "$OUT/cayley-bbolt.sorted.nq"; then
    SAME="yes"
    cmp -s "$OUT/import.sorted.nq" "$OUT/input.sorted.nq" && SAME="yes, and equal to the input"
  fi
  lines() { wc -l <"$1" | tr -d ' '; }
  row "kg import, $NQN quads → fresh bbolt: quads/s (wall $TI s, CPU $(cpu import) s)" "${QI%.*}" "" ""
  row "stock \`cayley load --db bolt\`, same file: quads/s (wall $TC s, CPU $(cpu cayley-bolt) s)" "${QC%.*}" "" ""
  row "kg import ÷ stock cayley load (bolt)" "${IMP_RATIO}×" "≥ 2.0×" "$(verdict "$IMP_RATIO" '>=' 2)"
  row "\`cayley load --db bbolt\` (cayley's load command + its bbolt backend), same file: quads/s (wall $TB s, CPU $(cpu cayley-bbolt) s)" "${QB%.*}" "" ""
  row "kg import ÷ cayley load (bbolt)" "${IMP_RATIO_B}×" "≥ 2.0×" "$(verdict "$IMP_RATIO_B" '>=' 2)"
  row "the three stores export identical sorted quads ($(lines "$OUT/import.sorted.nq"), $(lines "$OUT/cayley-bolt.sorted.nq"), $(lines "$OUT/cayley-bbolt.sorted.nq"))" "$SAME" "yes" "$([ "$SAME" = no ] && echo '**fail**' || echo pass)"

fi

# --- 4. kg rel latency -----------------------------------------------------
if want rel; then
  log "kg rel latency: $REL_PAIRS pairs in-process (at most $REL_TIMEOUT s)"
  if ! $NICE timeout "$REL_TIMEOUT" "$OUT/relbench" --store "bolt:$DB" --pairs "$REL_PAIRS" --list "$REL_RUNS" >"$OUT/rel.out"; then
    row "kg rel A B in-process p50 / p99 ($REL_PAIRS pairs)" "did not finish in $REL_TIMEOUT s" "≤ 5 ms / ≤ 50 ms" "**fail**"
  else
    P50=$(kv "$OUT/rel.out" p50_ms); P99=$(kv "$OUT/rel.out" p99_ms)
    LINKED=$(kv "$OUT/rel.out" pairs_linked); NPAIRS=$(kv "$OUT/rel.out" pairs)
    log "kg rel latency: $REL_RUNS runs of the binary"
    CLI=()
    while IFS=$'\t' read -r a b; do
      a=${a#pair }
      t0=$(date +%s%N)
      $NICE "$KG" rel "$a" "$b" --store "bolt:$DB" >/dev/null 2>&1 || true
      t1=$(date +%s%N)
      CLI+=("$(( (t1 - t0) / 1000000 ))")
    done < <(grep '^pair ' "$OUT/rel.out")
    CLI_SORTED=$(printf '%s\n' "${CLI[@]}" | sort -n)
    CLI_MED=$(echo "$CLI_SORTED" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    CLI_MAX=$(echo "$CLI_SORTED" | tail -1)
    row "kg rel A B in-process p50, wall ($NPAIRS pairs, $LINKED sharing a fact, the rest searched for 3-hop paths; CPU time p50 $(kv "$OUT/rel.out" cpu_p50_ms) ms)" "$P50 ms" "≤ 5 ms" "$(verdict "$P50" '<=' 5)"
    row "kg rel A B in-process p99, wall (CPU time p99 $(kv "$OUT/rel.out" cpu_p99_ms) ms)" "$P99 ms" "≤ 50 ms" "$(verdict "$P99" '<=' 50)"
    row "… of which resolving the two names (Resolve + Entity), p50 / p99" "$(kv "$OUT/rel.out" resolve_p50_ms) / $(kv "$OUT/rel.out" resolve_p99_ms) ms" "" ""
    row "… pairs sharing a fact p50 / p99; pairs without (3-hop path search) p50 / p99" "$(kv "$OUT/rel.out" linked_p50_ms) / $(kv "$OUT/rel.out" linked_p99_ms) ms; $(kv "$OUT/rel.out" unlinked_p50_ms) / $(kv "$OUT/rel.out" unlinked_p99_ms) ms" "" ""
    row "\`kg rel A B\` binary, median of $REL_RUNS runs (max $CLI_MAX ms; process start-up, model-free)" "$CLI_MED ms" "" ""
  fi
fi

# --- 5. PostgreSQL -----------------------------------------------------------
PG_STARTED=""
stop_pg() {
  if [ -n "$PG_STARTED" ]; then
    su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $PGROOT/data -m fast stop >/dev/null" || true
    rm -rf "$PGROOT"
  fi
}
trap stop_pg EXIT
if want pg && [ -z "${KG_TEST_POSTGRES_URL:-}" ] && [ "$START_PG" = 1 ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -n "$PGBIN" ] && [ "$(id -u)" = 0 ]; then
    PGROOT=$(mktemp -d /tmp/kg-bench-pg.XXXXXX)
    chmod 755 "$PGROOT"; chown postgres:postgres "$PGROOT"
    PGPORT=${KG_BENCH_PGPORT:-54350}
    su postgres -s /bin/sh -c "$PGBIN/initdb -D $PGROOT/data -A trust -U postgres >/dev/null"
    su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $PGROOT/data -l $PGROOT/log -w -o '-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT -c fsync=off' start >/dev/null"
    PG_STARTED=1
    export KG_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres?sslmode=disable"
    log "started PostgreSQL on 127.0.0.1:$PGPORT (fsync=off, as .ci/run)"
  else
    log "--postgres: no PostgreSQL binaries under /usr/lib/postgresql or not root; skipping"
  fi
fi
if ! want pg; then
  :
elif [ -n "${KG_TEST_POSTGRES_URL:-}" ]; then
  log "PostgreSQL: pgbulk vs Cayley's SQL writer on the first $PG_QUADS quads"
  $NICE "$OUT/pgload" --url "$KG_TEST_POSTGRES_URL" --file "$NQ" --quads "$PG_QUADS" >"$OUT/pg.out" 2>"$OUT/pg.err" || {
    cat "$OUT/pg.err" >&2; exit 1; }
  PGN=$(kv "$OUT/pg.out" quads)
  row "Cayley SQL writer → PostgreSQL, $PGN quads: quads/s ($(kv "$OUT/pg.out" cayley_seconds) s)" "$(kv "$OUT/pg.out" cayley_quads_per_s)" "" ""
  row "graph/pgbulk (COPY) → PostgreSQL, same quads: quads/s ($(kv "$OUT/pg.out" pgbulk_seconds) s)" "$(kv "$OUT/pg.out" pgbulk_quads_per_s)" "" ""
  row "graph/pgbulk Load (one transaction, indexes rebuilt; what kg import and kg build use) → PostgreSQL, same quads: quads/s ($(kv "$OUT/pg.out" load_seconds) s)" "$(kv "$OUT/pg.out" load_quads_per_s)" "" ""
  PGR=$(kv "$OUT/pg.out" ratio)
  row "pgbulk Write (a transaction per batch) ÷ Cayley SQL writer, wall (CPU client+server: $(kv "$OUT/pg.out" cpu_ratio)×; identical sorted exports: $(kv "$OUT/pg.out" identical))" "${PGR}×" "" ""
  PGL=$(kv "$OUT/pg.out" load_ratio)
  row "pgbulk Load ÷ Cayley SQL writer, wall (CPU client+server: $(kv "$OUT/pg.out" load_cpu_ratio)×; identical sorted exports: $(kv "$OUT/pg.out" load_identical))" "${PGL}×" "≥ 5×" "$(verdict "$PGL" '>=' 5)"
  # graph/pgbulk's own benchmark: 50k synthetic kg-shaped quads, as one
  # batch (an import) and as 500 documents of 100 (a build).
  log "PostgreSQL: graph/pgbulk BenchmarkWrite"
  $NICE go test ./graph/pgbulk -run '^$' -bench Write -benchtime 1x >"$OUT/pgbench.out" 2>&1 || {
    cat "$OUT/pgbench.out" >&2; exit 1; }
  pgq() { awk -v n="BenchmarkWrite/$1" '$1 ~ "^"n"(-[0-9]+)?$" { for (i = 2; i <= NF; i++) if ($i == "quads/s") { printf "%.0f", $(i-1); exit } }' "$OUT/pgbench.out"; }
  # Only the bulk shape carries the 5× target: with a transaction per
  # document both writers pay the same per-row index and foreign-key
  # maintenance (docs/scale.md); those rows are for information.
  for kind in batch documents documents-50-per-tx; do
    C=$(pgq "$kind/cayley"); P=$(pgq "$kind/pgbulk"); R=$(ratio "$P" "$C")
    case $kind in
      batch) what="50k synthetic quads, one transaction"; T="≥ 5×"; V=$(verdict "$R" '>=' 5) ;;
      documents) what="500 documents of 100 quads, a transaction each"; T=""; V="" ;;
      *) what="500 documents of 100 quads, 50 per transaction"; T=""; V="" ;;
    esac
    [ -n "$C" ] && [ -n "$P" ] || continue
    row "graph/pgbulk BenchmarkWrite $kind ($what): pgbulk vs Cayley quads/s" "$P vs $C = ${R}×" "$T" "$V"
  done
else
  row "PostgreSQL bulk write vs Cayley's SQL writer" "not run (KG_TEST_POSTGRES_URL unset; --postgres starts a server)" "≥ 5×" "n/a"
fi

# --- the table ------------------------------------------------------------------
{
  echo "Benchmarks of $DATE, commit $COMMIT$([ "$QUICK" = 1 ] && echo ' — QUICK smoke run, not the real sizes')"
  echo
  echo "Machine: $(nproc) CPUs ($CPU), $MEM RAM, load average $LOAD at the start (shared with other jobs); jobs run under nice -n 10."
  echo "Import file: $NQN quads, $NQSRC. The stock \`cayley\` binary (pinned module, \`go build github.com/cayleygraph/cayley/cmd/cayley\`) registers only the legacy \`bolt\` backend, not \`bbolt\`; \`cayley-bbolt\` (bench/cayleyload) runs the same load command with Cayley's bbolt backend registered."
  echo
  echo "| metric | value | target | result |"
  echo "|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
} | tee "$OUT/table.md"
}

main "$@"
