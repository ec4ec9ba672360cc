// Command relbench measures the latency of `kg rel A B` lookups inside one
// process: it opens a store once, draws entity pairs deterministically from
// the entity list (`kg entities`), and times, for each pair, the work the
// rel command does — resolve both names (Resolve + Entity), list the facts
// linking them (FactsBetween) and, when there are none, search paths of up
// to 3 hops (Paths) — without printing. Process start-up and model-free
// store opening are left out on purpose; bench/run.sh times the real binary
// separately for that view.
//
//	go run ./bench/relbench --store bolt:bench/out/reuters.db --pairs 200
//
// It prints one line per statistic ("p50_ms 1.23") so that scripts can pick
// them up — wall and CPU percentiles of the whole lookup, of linked and
// unlinked pairs, and of each step (resolve_, between_, paths_) — and, with
// --list N, the first N pairs as tab-separated names for timing the binary
// on the same pairs. --slow D prints each pair slower than D with its
// steps, --cpuprofile FILE profiles the timed lookups only, and
// --pairs-from FILE times the pairs a --list run printed instead of
// drawing them again (the draw lists every entity first), so that repeated
// measurements and different builds time exactly the same pairs.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/graph"
)

func main() {
	var (
		spec  = flag.String("store", "bolt:kg.db", "store to read")
		pairs = flag.Int("pairs", 200, "entity pairs to time")
		top   = flag.Int("top", 2000, "draw entities from this many with the most facts")
		hops  = flag.Int("hops", 3, "path search depth when a pair shares no fact (kg rel's default)")
		seed  = flag.Uint64("seed", 1, "seed of the pair draw")
		list  = flag.Int("list", 0, "also print the first N pairs as 'pair NAME TAB NAME'")
		prof  = flag.String("cpuprofile", "", "write a CPU profile of the timed lookups to this file")
		slow  = flag.Duration("slow", 0, "print each pair slower than this (wall), with its steps, to stderr")
		from  = flag.String("pairs-from", "", "time the pairs in this file ('NAME TAB NAME' lines, as --list prints them without 'pair ') instead of drawing them")
	)
	flag.Parse()
	if *prof != "" {
		f, err := os.Create(*prof)
		if err != nil {
			fmt.Fprintln(os.Stderr, "relbench:", err)
			os.Exit(1)
		}
		defer f.Close()
		profile = f
	}
	slowPair = *slow
	pairsFrom = *from
	if err := run(context.Background(), *spec, *pairs, *top, *hops, *seed, *list); err != nil {
		fmt.Fprintln(os.Stderr, "relbench:", err)
		os.Exit(1)
	}
}

type pair struct{ a, b string }

// profile, when set, receives a CPU profile of the timed lookups only (not
// of the entity listing and pair draw before them).
var profile *os.File

// pairsFrom, when set, names a file of pairs to time instead of drawing
// them: drawing lists every entity first, which takes most of a minute on
// the Reuters graph, so repeated measurements reuse one draw.
var pairsFrom string

// slowPair, when positive, is the wall time above which a pair's steps are
// printed to stderr.
var slowPair time.Duration

func run(ctx context.Context, spec string, n, top, hops int, seed uint64, list int) error {
	st, err := graph.Open(ctx, spec, graph.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	var ents []graph.EntityView
	var ps []pair
	if pairsFrom != "" {
		if ps, err = readPairs(pairsFrom, n); err != nil {
			return err
		}
	} else if ents, ps, err = drawPairs(ctx, st, spec, n, top, seed); err != nil {
		return err
	}
	entitiesTime := time.Since(start)
	if len(ps) == 0 {
		return fmt.Errorf("store %s: no entity pairs to time", spec)
	}
	// Progress goes to stderr: on a large graph the draw and the lookups
	// take minutes.
	fmt.Fprintf(os.Stderr, "relbench: %d entities listed, %d pairs drawn or read after %.1fs\n",
		len(ents), len(ps), time.Since(start).Seconds())
	return timePairs(ctx, st, ents, entitiesTime, ps, hops, list)
}

// readPairs reads up to n pairs from file, one 'NAME TAB NAME' a line.
func readPairs(file string, n int) ([]pair, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read pairs: %w", err)
	}
	var ps []pair
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimPrefix(line, "pair ")
		a, b, ok := strings.Cut(line, "\t")
		if !ok || len(ps) == n {
			continue
		}
		ps = append(ps, pair{a, b})
	}
	return ps, nil
}

// drawPairs lists the entities and draws n pairs from the top ones.
func drawPairs(ctx context.Context, st *graph.Store, spec string, n, top int, seed uint64) ([]graph.EntityView, []pair, error) {
	ents, err := st.Entities(ctx, "")
	if err != nil {
		return nil, nil, err
	}
	// Entities come sorted by fact count; users ask about the entities the
	// graph knows most about, so pairs are drawn from the head of the list.
	// Every other pair is a pair the graph links by a fact (the second
	// entity is drawn from the first one's facts), the rest are drawn
	// independently and mostly share no fact, which sends kg rel into its
	// path search: both kinds of question get asked.
	var pool []graph.EntityView
	for _, e := range ents {
		if e.Facts > 0 && len(pool) < top {
			pool = append(pool, e)
		}
	}
	if len(pool) < 2 {
		return nil, nil, fmt.Errorf("store %s has %d entities with facts; need at least 2", spec, len(pool))
	}
	rng := rand.New(rand.NewPCG(seed, 0x6b67))
	ps := make([]pair, 0, n)
	for tries := 0; len(ps) < n && tries < 100*n; tries++ {
		a := pool[rng.IntN(len(pool))]
		b := pool[rng.IntN(len(pool))].Name
		if len(ps)%2 == 0 {
			facts, err := st.FactsAbout(ctx, a.IRI)
			if err != nil {
				return nil, nil, err
			}
			var linked []string
			for _, f := range facts {
				for _, arg := range f.Args {
					if arg.IRI != "" && arg.IRI != a.IRI && arg.Name != "" && arg.Name != a.Name {
						linked = append(linked, arg.Name)
					}
				}
			}
			if len(linked) == 0 {
				continue
			}
			b = linked[rng.IntN(len(linked))]
		}
		if a.Name != b {
			ps = append(ps, pair{a.Name, b})
		}
	}
	return ents, ps, nil
}

// timePairs times the lookups of ps and prints the statistics.
func timePairs(ctx context.Context, st *graph.Store, ents []graph.EntityView, entitiesTime time.Duration, ps []pair, hops, list int) error {

	// One untimed lookup first, so that opening costs (first page faults,
	// lazily built indexes) are not charged to the first pair.
	if _, err := relLookup(ctx, st, ps[0], hops); err != nil {
		return err
	}
	if profile != nil {
		if err := pprof.StartCPUProfile(profile); err != nil {
			return err
		}
	}
	var all, cpuLat, linkedLat, unlinkedLat, resolveLat, betweenLat, pathsLat []time.Duration
	withPaths := 0
	for i, p := range ps {
		if i > 0 && i%25 == 0 {
			fmt.Fprintf(os.Stderr, "relbench: %d/%d pairs timed\n", i, len(ps))
		}
		c0, t0 := cpuTime(), time.Now()
		r, err := relLookup(ctx, st, p, hops)
		d := time.Since(t0)
		cpuLat = append(cpuLat, cpuTime()-c0)
		if err != nil {
			return fmt.Errorf("pair %q, %q: %w", p.a, p.b, err)
		}
		all = append(all, d)
		if slowPair > 0 && d > slowPair {
			fmt.Fprintf(os.Stderr, "relbench: slow pair %q, %q: %.1f ms (cpu %.1f): resolve %.1f, between %.1f (%d facts), paths %.1f (%d)\n",
				p.a, p.b, ms(d), ms(cpuLat[len(cpuLat)-1]), ms(r.resolve), ms(r.between), r.facts, ms(r.pathsTime), r.paths)
		}
		resolveLat = append(resolveLat, r.resolve)
		betweenLat = append(betweenLat, r.between)
		if r.pathsTime > 0 {
			pathsLat = append(pathsLat, r.pathsTime)
		}
		if r.facts > 0 {
			linkedLat = append(linkedLat, d)
		} else {
			unlinkedLat = append(unlinkedLat, d)
			if r.paths > 0 {
				withPaths++
			}
		}
	}
	if profile != nil {
		pprof.StopCPUProfile()
	}
	fmt.Printf("entities %d\n", len(ents))
	fmt.Printf("entities_ms %.1f\n", ms(entitiesTime))
	fmt.Printf("pairs %d\n", len(ps))
	fmt.Printf("pairs_linked %d\n", len(linkedLat))
	fmt.Printf("pairs_with_paths_only %d\n", withPaths)
	report("", all)
	report("cpu_", cpuLat)
	report("linked_", linkedLat)
	report("unlinked_", unlinkedLat)
	report("resolve_", resolveLat)
	report("between_", betweenLat)
	report("paths_", pathsLat)
	for _, p := range ps[:min(list, len(ps))] {
		fmt.Printf("pair %s\t%s\n", p.a, p.b)
	}
	return nil
}

// cpuTime returns the CPU time (user + system) the process has used. On a
// shared machine the wall time of a lookup includes waiting for a CPU; the
// CPU time does not, which separates what the lookup costs from the noise.
// (It can exceed the wall time when the garbage collector runs on a second
// core.)
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// report prints the percentiles of lat with the given key prefix.
func report(prefix string, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	fmt.Printf("%sp50_ms %.3f\n", prefix, ms(pct(0.50)))
	fmt.Printf("%sp90_ms %.3f\n", prefix, ms(pct(0.90)))
	fmt.Printf("%sp99_ms %.3f\n", prefix, ms(pct(0.99)))
	fmt.Printf("%smax_ms %.3f\n", prefix, ms(lat[len(lat)-1]))
}

// lookup is what one relLookup found and how long its steps took: name
// resolution (Resolve + Entity, both names), FactsBetween, and Paths when
// the pair shares no fact.
type lookup struct {
	facts, paths                int
	resolve, between, pathsTime time.Duration
}

// relLookup does what `kg rel A B` does before printing.
func relLookup(ctx context.Context, st *graph.Store, p pair, hops int) (lookup, error) {
	var r lookup
	t0 := time.Now()
	var iris [2]quad.IRI
	for k, name := range []string{p.a, p.b} {
		iri, _, err := st.Resolve(ctx, name)
		if err != nil {
			return r, err
		}
		if iri == "" {
			return r, fmt.Errorf("%q does not resolve", name)
		}
		if _, _, err := st.Entity(ctx, iri); err != nil {
			return r, err
		}
		iris[k] = iri
	}
	r.resolve = time.Since(t0)
	a, b := iris[0], iris[1]
	t1 := time.Now()
	fs, err := st.FactsBetween(ctx, a, b)
	r.between = time.Since(t1)
	if err != nil {
		return r, err
	}
	r.facts = len(fs)
	if len(fs) > 0 || hops <= 0 {
		return r, nil
	}
	t2 := time.Now()
	ps, err := st.Paths(ctx, a, b, hops)
	r.pathsTime = time.Since(t2)
	r.paths = len(ps)
	return r, err
}
