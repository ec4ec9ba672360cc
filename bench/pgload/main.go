// Command pgload compares ways of writing the same quads into a PostgreSQL
// database laid out by Cayley's SQL backend: Cayley's own writer
// (QuadStore.ApplyDeltas, what `cayley load` uses), graph/pgbulk's Write
// (a transaction per batch, as Cayley's) and a pgbulk Load (all batches in
// one transaction, Cayley's indexes and constraints rebuilt at the end).
// Each gets a fresh database on the server, the same first --quads quads of
// an N-Quads file, and the same batches; afterwards the databases are
// exported and their sorted quad sets compared, so a fast writer that
// writes something else shows. Besides wall time it prints the CPU time of
// this process and (for a server on this machine) of the server's
// processes, the steadier measure on a shared machine; ratio and cpu_ratio
// are Cayley's cost over Write's, load_ratio and load_cpu_ratio over the
// Load's.
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
	"runtime"
	"slices"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	_ "github.com/lib/pq" // the driver Cayley's postgres backend uses

	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/graph/pgbulk"
	"github.com/kg-project/kg/graph/pgbulk/pgcpu"
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
	var batches [][]quad.Quad
	for i := 0; i < len(quads); i += batch {
		batches = append(batches, quads[i:min(i+batch, len(quads))])
	}

	writers := []struct {
		key   string
		write func(u string) error
	}{
		{"cayley", func(u string) error { return writeCayley(u, batches) }},
		{"pgbulk", func(u string) error { return writeBatches(ctx, u, batches) }},
		{"load", func(u string) error { return writeLoad(ctx, u, batches) }},
	}
	var cost [3]measure
	var digest [3]string
	var exported [3]int
	for i, w := range writers {
		u, drop, err := freshDB(base, w.key)
		if err != nil {
			return err
		}
		if !keep {
			defer drop()
		}
		// Every database gets Cayley's schema plus pgbulk's label index
		// (which a kg store on PostgreSQL has), so the writers meet the
		// same tables.
		if err := cgraph.InitQuadStore("postgres", u, nil); err != nil {
			return fmt.Errorf("initialise %s: %w", u, err)
		}
		pw, err := pgbulk.Open(ctx, u)
		if err != nil {
			return err
		}
		err = pw.EnsureIndexes(ctx)
		pw.Close()
		if err != nil {
			return err
		}
		m, err := newMeter(u)
		if err != nil {
			return err
		}
		runtime.GC()
		m.start()
		if err := w.write(u); err != nil {
			m.close()
			return fmt.Errorf("%s writer: %w", w.key, err)
		}
		cost[i] = m.stop()
		// Vacuum and analyse now, outside the measurement, so that
		// autovacuum does not do it during (and bill it to) the next
		// writer's run.
		if _, err := m.db.ExecContext(ctx, `VACUUM (ANALYZE) quads, nodes`); err != nil {
			m.close()
			return fmt.Errorf("vacuum after %s: %w", w.key, err)
		}
		m.close()
		if digest[i], exported[i], err = exportDigest(ctx, u); err != nil {
			return err
		}
	}

	qps := func(d time.Duration) float64 { return float64(len(quads)) / d.Seconds() }
	for i, w := range writers {
		c := cost[i]
		fmt.Printf("%s_seconds %.2f\n", w.key, c.wall.Seconds())
		fmt.Printf("%s_quads_per_s %.0f\n", w.key, qps(c.wall))
		fmt.Printf("%s_client_cpu_seconds %.2f\n", w.key, c.client.Seconds())
		if c.serverOK {
			fmt.Printf("%s_server_cpu_seconds %.2f\n", w.key, c.server.Seconds())
		}
	}
	ratios := func(prefix string, i int) {
		fmt.Printf("%sratio %.2f\n", prefix, cost[0].wall.Seconds()/cost[i].wall.Seconds())
		if cost[0].serverOK && cost[i].serverOK {
			fmt.Printf("%scpu_ratio %.2f\n", prefix, (cost[0].client+cost[0].server).Seconds()/(cost[i].client+cost[i].server).Seconds())
		}
	}
	ratios("", 1)
	ratios("load_", 2)
	for i, w := range writers {
		fmt.Printf("%s_exported %d\n", w.key, exported[i])
	}
	fmt.Printf("identical %v\n", digest[0] == digest[1] && exported[0] == exported[1])
	fmt.Printf("load_identical %v\n", digest[0] == digest[2] && exported[0] == exported[2])
	return nil
}

// writeCayley writes the batches with Cayley's SQL writer, one transaction
// each, as `cayley load` does.
func writeCayley(u string, batches [][]quad.Quad) error {
	qs, err := cgraph.NewQuadStore("postgres", u, nil)
	if err != nil {
		return fmt.Errorf("open cayley store: %w", err)
	}
	defer qs.Close()
	for _, part := range batches {
		deltas := make([]cgraph.Delta, len(part))
		for k, q := range part {
			deltas[k] = cgraph.Delta{Quad: q, Action: cgraph.Add}
		}
		if err := qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
			return err
		}
	}
	return nil
}

// writeBatches writes the batches with pgbulk's Write, one transaction
// each.
func writeBatches(ctx context.Context, u string, batches [][]quad.Quad) error {
	w, err := pgbulk.Open(ctx, u)
	if err != nil {
		return err
	}
	defer w.Close()
	for _, part := range batches {
		if _, err := w.Add(ctx, part); err != nil {
			return err
		}
	}
	return nil
}

// writeLoad writes the batches in one pgbulk Load, as an import into a new
// store can.
func writeLoad(ctx context.Context, u string, batches [][]quad.Quad) error {
	w, err := pgbulk.Open(ctx, u)
	if err != nil {
		return err
	}
	defer w.Close()
	l, err := w.BeginLoad(ctx)
	if err != nil {
		return err
	}
	for _, part := range batches {
		if err := l.Add(ctx, part); err != nil {
			l.Rollback()
			return err
		}
	}
	_, err = l.Commit(ctx)
	return err
}

// measure is what one writer cost.
type measure struct {
	wall, client, server time.Duration
	serverOK             bool
}

// meter takes CPU readings of this process and of the server's processes
// (through a connection of its own) around a writer's run.
type meter struct {
	db     *sql.DB
	m      pgcpu.Meter
	t0     time.Time
	c0, s0 time.Duration
}

func newMeter(u string) (*meter, error) {
	db, err := sql.Open("postgres", u)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return &meter{db: db, m: pgcpu.New(db)}, nil
}

func (m *meter) start() {
	m.s0, _ = m.m.Server()
	m.c0 = m.m.Client()
	m.t0 = time.Now()
}

func (m *meter) stop() measure {
	wall := time.Since(m.t0)
	s, ok := m.m.Server()
	return measure{wall: wall, client: m.m.Client() - m.c0, server: s - m.s0, serverOK: ok}
}

func (m *meter) close() { m.db.Close() }

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
