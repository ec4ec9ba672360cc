package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/kg-project/kg/extract/conllu/conllutest"
	"time"

	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/graph/server"
	"github.com/kg-project/kg/schema"
)

// TestServeLoad puts kg serve's handler, over a store built from seeds/,
// under 50 concurrent clients on loopback for 30 s (KG_LOAD_SECONDS), with a
// mix of Gizmo queries as the UI sends them and `kg rel`-style lookups
// (entity by name, then the facts linking two entities), and requires every
// request to succeed with a plausible answer. It logs throughput and the
// p50/p99 latencies; it asserts no timing, only correctness under load.
//
//	KG_TEST_LOAD=1 go test ./cmd/kg -run TestServeLoad -v
func TestServeLoad(t *testing.T) {
	if os.Getenv("KG_TEST_LOAD") != "1" {
		t.Skip("load test: set KG_TEST_LOAD=1 to run it (50 clients for 30 s on 127.0.0.1)")
	}
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	relRequireModels(t)
	const clients = 50
	const maxRequests = 500000 // a bound on the work, whatever the machine's speed
	duration := time.Duration(relEnvInt(t, "KG_LOAD_SECONDS", 30)) * time.Second

	spec := relTempStore(t)
	if r := relBuild(t, spec, filepath.Join(conllutest.RepoRoot(t), "seeds")); r.err != nil {
		t.Fatalf("building seeds/: %v\n%s", r.err, r.stderr)
	}
	st := relOpenRO(t, spec)
	queries := relLoadQueries(t, st)

	// The handler kg serve runs, with its defaults, on a loopback listener
	// served the way kg serve serves it.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() {
		served <- server.Serve(ctx, ln, server.New(st.QuadStore(), server.Options{}), server.DefaultQueryTimeout)
	}()
	defer func() {
		stop()
		if err := <-served; err != nil {
			t.Errorf("server: %v", err)
		}
	}()
	base := "http://" + ln.Addr().String()
	client := &http.Client{
		Timeout:   server.DefaultQueryTimeout + 10*time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients},
	}

	var (
		issued  atomic.Int64
		mu      sync.Mutex
		lat     []time.Duration
		byKind  = map[string]int{}
		errs    []string
		wg      sync.WaitGroup
		endTime = time.Now().Add(duration)
	)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			rng := rand.New(rand.NewSource(int64(c)))
			for time.Now().Before(endTime) && issued.Add(1) <= maxRequests {
				q := queries[rng.Intn(len(queries))]
				start := time.Now()
				n, err := relLoadQuery(client, base, q.text)
				d := time.Since(start)
				if err == nil && n < q.minResults {
					err = fmt.Errorf("%d results, want at least %d", n, q.minResults)
				}
				mu.Lock()
				lat = append(lat, d)
				byKind[q.kind]++
				if err != nil && len(errs) < 20 {
					errs = append(errs, fmt.Sprintf("%s %q: %v", q.kind, q.text, err))
				} else if err != nil {
					errs = append(errs, "")
				}
				mu.Unlock()
			}
		}(c)
	}
	wg.Wait()

	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	t.Logf("%d clients, %s: %d requests (%.0f/s) %v; latency p50 %s, p99 %s, max %s; %d errors",
		clients, duration, len(lat), float64(len(lat))/duration.Seconds(), byKind,
		pct(0.50).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), lat[len(lat)-1].Round(time.Microsecond), len(errs))
	if len(errs) > 0 {
		t.Errorf("%d of %d requests failed; first ones:\n%s", len(errs), len(lat), strings.Join(errs[:min(len(errs), 20)], "\n"))
	}
}

type relLoadQ struct {
	kind       string
	text       string
	minResults int
}

// relLoadQueries derives the query mix from what is in the store, so that
// every lookup has a known non-empty answer.
func relLoadQueries(t *testing.T, st *graph.Store) []relLoadQ {
	t.Helper()
	ctx := context.Background()
	ents, err := st.Entities(ctx, "")
	if err != nil || len(ents) == 0 {
		t.Fatalf("entities: %d, %v", len(ents), err)
	}
	var qs []relLoadQ
	pairs := 0
	for _, e := range ents {
		name := strconv.Quote(e.Name)
		iri := strconv.Quote("<" + string(e.IRI) + ">")
		// The UI's typical explorations of one node.
		qs = append(qs,
			relLoadQ{"gizmo-node", fmt.Sprintf(`g.V(%s).Out().All()`, iri), 1},
			relLoadQ{"gizmo-name", fmt.Sprintf(`g.V().Has(%q, %s).All()`, schema.Name.String(), name), 1},
		)
		// kg rel NAME NAME: both names to entities, then the facts
		// whose arguments include both.
		facts, err := st.FactsAbout(ctx, e.IRI)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range facts {
			for _, a := range f.Args {
				if a.IRI == "" || a.IRI == e.IRI || a.Name == "" || pairs >= 200 {
					continue
				}
				pairs++
				qs = append(qs, relLoadQ{"rel", fmt.Sprintf(
					`var a = g.V().Has(%[1]q, %[2]s); var b = g.V().Has(%[1]q, %[3]s);
a.In().Intersect(b.In()).Has(%[4]q, %[5]q).Out(%[6]q).All()`,
					schema.Name.String(), name, strconv.Quote(a.Name),
					schema.RDFType.String(), schema.ClassFact.String(), schema.Predicate.String()), 1})
			}
		}
	}
	qs = append(qs, relLoadQ{"gizmo-scan", `g.Emit(g.V().Has("` + schema.RDFType.String() + `").Count())`, 1})
	if pairs == 0 {
		t.Fatalf("no fact links two entities in seeds/; the rel queries would be empty")
	}
	return qs
}

// relLoadQuery runs one Gizmo query over HTTP and returns the number of
// results.
func relLoadQuery(c *http.Client, base, q string) (int, error) {
	resp, err := c.Get(base + "/api/v2/query?lang=gizmo&qu=" + url.QueryEscape(q))
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("HTTP %d: %s", resp.StatusCode, body)
	}
	var res struct {
		Result []json.RawMessage `json:"result"`
		Error  string            `json:"error"`
	}
	if err := json.Unmarshal(body, &res); err != nil {
		return 0, fmt.Errorf("bad JSON %q: %w", body, err)
	}
	if res.Error != "" {
		return 0, fmt.Errorf("error %s", res.Error)
	}
	return len(res.Result), nil
}
