package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/graph/server"
)

// Concurrency: what happens when commands share a store, and whether the
// code that shares state in one process is free of data races. Run the
// latter under the race detector:
//
//	go test -race -run 'Race|Locked' ./cmd/kg

// relLockedWriter is an io.Writer safe to read while a command writes to it.
type relLockedWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *relLockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *relLockedWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// relStartServe runs `kg serve` in-process on a free loopback port until
// the returned stop function is called; it returns the server's base URL.
func relStartServe(t *testing.T, args ...string) (baseURL string, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	root := newRootCmd()
	out := &relLockedWriter{}
	root.SetOut(out)
	root.SetErr(out)
	root.SetArgs(append([]string{"serve", "--addr", "127.0.0.1:0"}, args...))
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()
	deadline := time.After(30 * time.Second)
	for {
		if s := out.String(); strings.Contains(s, "UI at http://") {
			rest := s[strings.Index(s, "http://"):]
			baseURL = strings.TrimSuffix(strings.Fields(rest)[0], "/")
			break
		}
		select {
		case err := <-done:
			cancel()
			t.Fatalf("kg serve stopped at once: %v\n%s", err, out.String())
		case <-deadline:
			cancel()
			t.Fatalf("kg serve did not start in 30 s:\n%s", out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	stopped := false
	stop = func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(15 * time.Second):
			return fmt.Errorf("kg serve did not stop 15 s after cancellation")
		}
	}
	t.Cleanup(func() { _ = stop() })
	return baseURL, stop
}

// relWithin runs fn and fails the test if it does not return within d: a
// second command on a busy store must fail fast, never hang.
func relWithin(t *testing.T, d time.Duration, what string, fn func() relResult) relResult {
	t.Helper()
	ch := make(chan relResult, 1)
	start := time.Now()
	go func() { ch <- fn() }()
	select {
	case r := <-ch:
		t.Logf("%s returned after %s", what, time.Since(start).Round(time.Millisecond))
		return r
	case <-time.After(d):
		t.Fatalf("%s still running after %s: it hangs on the locked store", what, d)
		return relResult{}
	}
}

// kg build while kg serve holds the store: build must fail within the lock
// timeout with a message that names the cause, and the served store must be
// left exactly as it was; once serve stops, the build goes through.
func TestLockedBuildWhileServing(t *testing.T) {
	relRequireModels(t)
	dir := t.TempDir()
	doc := relWrite(t, dir, "a.txt", []byte(relArticle))
	spec := relTempStore(t)
	if r := relBuild(t, spec, doc); r.err != nil {
		t.Fatalf("initial build: %v\n%s", r.err, r.stderr)
	}
	before := relExportSpec(t, spec)

	base, stop := relStartServe(t, "--store", spec)
	doc2 := relWrite(t, dir, "b.txt", []byte(strings.ReplaceAll(relArticle, "Madrid", "Lisbon")))
	r := relWithin(t, 20*time.Second, "kg build on a served store", func() relResult { return relBuild(t, spec, doc2) })
	if r.err == nil {
		t.Fatalf("kg build wrote to a store kg serve holds\n%s", r.stdout)
	}
	if !strings.Contains(r.err.Error(), "locked by another process") {
		t.Errorf("kg build error does not say the store is locked: %v", r.err)
	}
	// The server still answers.
	resp, err := http.Get(base + "/api/v2/query?lang=gizmo&qu=" + url.QueryEscape("g.V().Limit(1).All()"))
	if err != nil {
		t.Fatalf("query after the refused build: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("query after the refused build: HTTP %d", resp.StatusCode)
	}
	if err := stop(); err != nil {
		t.Fatalf("kg serve: %v", err)
	}
	if after := relExportSpec(t, spec); !slices.Equal(before, after) {
		t.Fatalf("the refused build changed the store: %d quads before, %d after", len(before), len(after))
	}
	if r := relBuild(t, spec, doc2); r.err != nil {
		t.Fatalf("kg build after kg serve stopped: %v\n%s", r.err, r.stderr)
	}
}

// kg serve while kg build writes: serve must fail fast and say why.
func TestLockedServeWhileBuilding(t *testing.T) {
	spec := relTempStore(t)
	ctx := context.Background()
	// Hold the store the way kg build does for the whole build.
	w, err := graph.Open(ctx, spec, graph.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	r := relWithin(t, 20*time.Second, "kg serve on a store being built", func() relResult {
		return relRun(t, nil, "serve", "--addr", "127.0.0.1:0", "--store", spec)
	})
	if r.err == nil {
		t.Fatal("kg serve started on a store another process is writing")
	}
	if !strings.Contains(r.err.Error(), "locked by another process") {
		t.Errorf("kg serve error does not say the store is locked: %v", r.err)
	}
	// Two writers: the second build is refused the same way.
	r = relWithin(t, 20*time.Second, "a second kg build", func() relResult {
		return relBuild(t, spec, filepath.Join(t.TempDir(), "none.txt"))
	})
	if r.err == nil || !strings.Contains(r.err.Error(), "locked by another process") {
		t.Errorf("second kg build: error %v, want the store to be reported locked", r.err)
	}
}

// Several read-only commands share a store (shared lock): two servers at once.
func TestLockedTwoServersShareAStore(t *testing.T) {
	spec := relTempStore(t)
	s, err := graph.Open(context.Background(), spec, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, stop1 := relStartServe(t, "--store", spec)
	_, stop2 := relStartServe(t, "--store", spec)
	if err := stop1(); err != nil {
		t.Error(err)
	}
	if err := stop2(); err != nil {
		t.Error(err)
	}
}

// relExportSpec returns the sorted export of the store at spec, which it
// opens read-only and closes again.
func relExportSpec(t *testing.T, spec string) []string {
	t.Helper()
	s, err := graph.Open(context.Background(), spec, graph.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("opening %s: %v", spec, err)
	}
	defer s.Close()
	return relExportLines(t, s)
}

// The build's parallel workers share the pipeline, the store and the
// counters; under -race this finds unsynchronised access among them.
func TestRaceParallelBuild(t *testing.T) {
	relRequireModels(t)
	dir := t.TempDir()
	var feed strings.Builder
	places := []string{"Madrid", "Lisbon", "Paris", "Berlin", "Rome", "Vienna", "Oslo", "Athens"}
	for i, p := range places {
		fmt.Fprintf(&feed, "{\"id\":\"%d\",\"text\":%s}\n", i, relJSONQuote(strings.ReplaceAll(relArticle, "Madrid", p)))
	}
	feed.WriteString("{\"id\":\"broken\",\"text\":\n") // one failure, reported from the reader goroutine
	p := relWrite(t, dir, "feed.jsonl", []byte(feed.String()))
	for _, spec := range []string{"mem:", relTempStore(t)} {
		r := relRun(t, nil, "build", "--quiet", "--workers", "4", "--store", spec, p, relWrite(t, dir, "empty.txt", nil))
		if r.err == nil || !strings.Contains(r.stdout, fmt.Sprintf("%d written", len(places))) {
			t.Errorf("%s: build = %v, want %d written and one failure\n%s%s", spec, r.err, len(places), r.stdout, r.stderr)
		}
	}
}

// Concurrent lookups, queries and writes on one graph.Store must not race.
// The in-memory store has no locking of its own, so this is where a missing
// lock in graph shows.
func TestRaceConcurrentStoreUse(t *testing.T) {
	relRequireModels(t)
	dir := t.TempDir()
	doc := relWrite(t, dir, "a.txt", []byte(relArticle))
	boltSpec := relTempStore(t)
	if r := relBuild(t, boltSpec, doc); r.err != nil {
		t.Fatalf("build: %v\n%s", r.err, r.stderr)
	}
	ctx := context.Background()
	src := relOpenRO(t, boltSpec)
	var nq bytes.Buffer
	if err := src.Export(ctx, &nq, "nquads"); err != nil {
		t.Fatal(err)
	}
	ents, err := src.Entities(ctx, "")
	if err != nil || len(ents) == 0 {
		t.Fatalf("entities: %d, %v", len(ents), err)
	}

	mem, err := graph.Open(ctx, "mem:", graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	if _, err := mem.Import(ctx, bytes.NewReader(nq.Bytes()), "a.nq"); err != nil {
		t.Fatal(err)
	}

	for _, s := range []*graph.Store{src, mem} {
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				e := ents[i%len(ents)]
				check := func(what string, err error) {
					if err != nil {
						errs <- fmt.Errorf("%s: %w", what, err)
					}
				}
				_, _, err := s.Resolve(ctx, e.Name)
				check("Resolve", err)
				_, err = s.FactsAbout(ctx, e.IRI)
				check("FactsAbout", err)
				_, err = s.Query(ctx, "gizmo", `g.V().Has("<http://schema.org/name>").Limit(20).All()`, 20)
				check("Query", err)
				_, err = s.Paths(ctx, e.IRI, ents[(i+1)%len(ents)].IRI, 2)
				check("Paths", err)
				_, err = s.Stats(ctx)
				check("Stats", err)
				if s == mem { // writers interleaved with the readers
					label := quad.IRI(fmt.Sprintf("kg:doc/race/%d", i))
					qs := []quad.Quad{{Subject: label, Predicate: quad.IRI("kgv:contentHash"), Object: quad.String("h"), Label: label}}
					_, err = s.ReplaceDocument(ctx, label, "h", qs)
					check("ReplaceDocument", err)
					_, err = s.RemoveDocument(ctx, label)
					check("RemoveDocument", err)
				}
			}(i)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	}
}

// The HTTP handler over one store, hit by concurrent queries, under -race.
func TestRaceServerQueries(t *testing.T) {
	relRequireModels(t)
	dir := t.TempDir()
	spec := relTempStore(t)
	if r := relBuild(t, spec, relWrite(t, dir, "a.txt", []byte(relArticle))); r.err != nil {
		t.Fatalf("build: %v\n%s", r.err, r.stderr)
	}
	s := relOpenRO(t, spec)
	ts := httptest.NewServer(server.New(s.QuadStore(), server.Options{}))
	defer ts.Close()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 5; j++ {
				resp, err := http.Get(ts.URL + "/api/v2/query?lang=gizmo&qu=" + url.QueryEscape(`g.V().Out().Limit(50).All()`))
				if err != nil {
					t.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					t.Errorf("HTTP %d", resp.StatusCode)
				}
			}
		}()
	}
	wg.Wait()
}

// kg serve --writable: HTTP writes and queries at once. The in-memory store
// has no locking of its own, so unless the server serialises writes
// against reads this is a data race (and, without -race, it crashed the
// server with "fatal error: concurrent map read and map write").
func TestRaceServeWritable(t *testing.T) {
	for _, spec := range []string{"mem:", relTempStore(t)} {
		t.Run(strings.TrimSuffix(spec[:4], ":"), func(t *testing.T) {
			relHammerWritableServer(t, spec)
		})
	}
}

func relHammerWritableServer(t *testing.T, spec string) {
	st, err := graph.Open(context.Background(), spec, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ts := httptest.NewServer(server.New(st.QuadStore(), server.Options{Writable: true}))
	defer ts.Close()
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(2)
		go func(i int) { // writer
			defer wg.Done()
			for j := 0; j < 25; j++ {
				body := fmt.Sprintf("<kg:w%d> <kgv:p> \"v%d\" .\n<kg:w%d> <kgv:q> <kg:x%d> .\n", i, j, i, j)
				resp, err := http.Post(ts.URL+"/api/v2/write", "application/n-quads", strings.NewReader(body))
				if err != nil {
					t.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					t.Errorf("write: HTTP %d", resp.StatusCode)
				}
			}
		}(i)
		go func() { // reader
			defer wg.Done()
			for j := 0; j < 25; j++ {
				resp, err := http.Get(ts.URL + "/api/v2/query?lang=gizmo&qu=" + url.QueryEscape(`g.V().Out().All()`))
				if err != nil {
					t.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					t.Errorf("query: HTTP %d", resp.StatusCode)
				}
			}
		}()
	}
	wg.Wait()
}
