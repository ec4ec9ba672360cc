// Command pgload compares two ways of writing the same quads into a
// PostgreSQL database laid out by Cayley's SQL backend: Cayley's own writer
// (QuadStore.ApplyDeltas, what `cayley load` and graph.Store use) and
// graph/pgbulk's COPY-based writer. Each gets a fresh database on the
// server, the same first --quads quads of an N-Quads file, and the same
// batch size; afterwards both databases are exported and their sorted quad
// sets compared, so a fast writer that writes something else fails.
//
//	go run ./bench/pgload --url postgres://postgres@127.0.0.1:54329/postgres?sslmode=disable \
//	    --file bench/out/quads.nq --quads 100000
//
// It prints "key value" lines for bench/run.sh.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	_ "github.com/lib/pq" // the driver Cayley's postgres backend uses

	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/graph/pgbulk"
)

func main() {
	var (
		base  = flag.String("url", os.Getenv("KG_TEST_POSTGRES_URL"), "PostgreSQL server URL (a database on it is used to create the two test databases)")
		file  = flag.String("file", "", "N-Quads file")
		n     = flag.Int("quads", 100000, "write the first this many quads")
		batch = flag.Int("batch", 10000, "quads per transaction for both writers (cayley load's default is 10000)")
		keep  = flag.Bool("keep", false, "keep the two databases")
	)
	flag.Parse()
	if *base == "" || *file == "" {
		fmt.Fprintln(os.Stderr, "pgload: --url (or KG_TEST_POSTGRES_URL) and --file are required")
		os.Exit(2)
	}
	if err := run(context.Background(), *base, *file, *n, *batch, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "pgload:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, base, file string, n, batch int, keep bool) error {
	quads, err := readQuads(file, n)
	if err != nil {
		return err
	}
	fmt.Printf("quads %d\n", len(quads))

	cayleyURL, dropC, err := freshDB(base, "cayley")
	if err != nil {
		return err
	}
	bulkURL, dropB, err := freshDB(base, "pgbulk")
	if err != nil {
		dropC()
		return err
	}
	if !keep {
		defer dropC()
		defer dropB()
	}
	// Both databases get Cayley's schema plus pgbulk's label index (which
	// a kg store on PostgreSQL has), so the writers meet the same tables.
	for _, u := range []string{cayleyURL, bulkURL} {
		if err := cgraph.InitQuadStore("postgres", u, nil); err != nil {
			return fmt.Errorf("initialise %s: %w", u, err)
		}
		w, err := pgbulk.Open(ctx, u)
		if err != nil {
			return err
		}
		err = w.EnsureIndexes(ctx)
		w.Close()
		if err != nil {
			return err
		}
	}

	// Cayley's SQL writer.
	qs, err := cgraph.NewQuadStore("postgres", cayleyURL, nil)
	if err != nil {
		return fmt.Errorf("open cayley store: %w", err)
	}
	start := time.Now()
	for i := 0; i < len(quads); i += batch {
		part := quads[i:min(i+batch, len(quads))]
		deltas := make([]cgraph.Delta, len(part))
		for k, q := range part {
			deltas[k] = cgraph.Delta{Quad: q, Action: cgraph.Add}
		}
		if err := qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
			qs.Close()
			return fmt.Errorf("cayley writer: %w", err)
		}
	}
	cayleyTime := time.Since(start)
	qs.Close()

	// pgbulk.
	w, err := pgbulk.Open(ctx, bulkURL)
	if err != nil {
		return err
	}
	start = time.Now()
	for i := 0; i < len(quads); i += batch {
		if _, err := w.Add(ctx, quads[i:min(i+batch, len(quads))]); err != nil {
			w.Close()
			return fmt.Errorf("pgbulk: %w", err)
		}
	}
	bulkTime := time.Since(start)
	w.Close()

	qps := func(d time.Duration) float64 { return float64(len(quads)) / d.Seconds() }
	fmt.Printf("cayley_seconds %.2f\n", cayleyTime.Seconds())
	fmt.Printf("cayley_quads_per_s %.0f\n", qps(cayleyTime))
	fmt.Printf("pgbulk_seconds %.2f\n", bulkTime.Seconds())
	fmt.Printf("pgbulk_quads_per_s %.0f\n", qps(bulkTime))
	fmt.Printf("ratio %.2f\n", cayleyTime.Seconds()/bulkTime.Seconds())

	hc, nc, err := exportDigest(ctx, cayleyURL)
	if err != nil {
		return err
	}
	hb, nb, err := exportDigest(ctx, bulkURL)
	if err != nil {
		return err
	}
	fmt.Printf("cayley_exported %d\n", nc)
	fmt.Printf("pgbulk_exported %d\n", nb)
	fmt.Printf("identical %v\n", hc == hb && nc == nb)
	return nil
}

// readQuads parses the first n quads of an N-Quads file with Cayley's
// reader, which is what both writers are given.
func readQuads(file string, n int) ([]quad.Quad, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := nquads.NewReader(bufio.NewReaderSize(f, 1<<16), false)
	var out []quad.Quad
	for len(out) < n {
		q, err := r.ReadQuad()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: quad %d: %w", file, len(out)+1, err)
		}
		out = append(out, q)
	}
	return out, nil
}

// freshDB creates an empty database on the server and returns its URL and
// a function that drops it.
func freshDB(base, what string) (string, func(), error) {
	admin, err := sql.Open("postgres", base)
	if err != nil {
		return "", nil, err
	}
	defer admin.Close()
	var b [4]byte
	rand.Read(b[:])
	name := "kg_bench_" + what + "_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		return "", nil, fmt.Errorf("create database: %w", err)
	}
	drop := func() {
		if admin, err := sql.Open("postgres", base); err == nil {
			admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			admin.Close()
		}
	}
	u, err := url.Parse(base)
	if err != nil {
		drop()
		return "", nil, err
	}
	u.Path = "/" + name
	return u.String(), drop, nil
}

// exportDigest exports a database through graph.Store and returns the
// SHA-256 of its sorted lines and their number.
func exportDigest(ctx context.Context, u string) (string, int, error) {
	st, err := graph.Open(ctx, u, graph.Options{ReadOnly: true})
	if err != nil {
		return "", 0, err
	}
	defer st.Close()
	var buf bytes.Buffer
	if err := st.Export(ctx, &buf, "nquads"); err != nil {
		return "", 0, err
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	slices.Sort(lines)
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil)), len(lines), nil
}
