// Package graph stores the knowledge graph in a Cayley quad store and answers
// the questions the CLI and the HTTP server ask of it: replacing one
// document's quads atomically, exporting and importing, running Gizmo,
// GraphQL and MQL queries with a deadline, and the relationship lookups
// behind `kg rel`, `kg entities` and `kg docs`.
//
// The package works on quads only; which quads a document becomes is the
// schema package's business. Every quad of a document carries the document's
// IRI as its label, which is what makes per-document replacement and removal
// possible.
package graph

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bolt "go.etcd.io/bbolt"

	"github.com/kg-project/kg/graph/pgbulk"

	// Backends and query languages register themselves with Cayley on
	// import. Only bbolt is used for files: Cayley's older "bolt" backend
	// crashes under the race detector.
	_ "github.com/cayleygraph/cayley/graph/kv/bbolt"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"
	_ "github.com/cayleygraph/cayley/query/gizmo"
	_ "github.com/cayleygraph/cayley/query/graphql"
	_ "github.com/cayleygraph/cayley/query/mql"
)

// DefaultSpec is the store used when none is given: a bbolt database in the
// directory kg.db under the working directory.
const DefaultSpec = "bolt:kg.db"

// boltFile is the file Cayley's bbolt backend keeps inside the store
// directory; using the same name keeps our stores readable by the cayley tool.
const boltFile = "indexes.bolt"

// ErrReadOnly is returned by every write on a store opened read-only.
var ErrReadOnly = errors.New("graph: store is open read-only")

// Options tune how a store is opened.
type Options struct {
	// ReadOnly opens the store for reading only. A read-only bbolt store
	// takes a shared file lock, so several read-only commands can run at
	// once; a writer takes an exclusive lock.
	ReadOnly bool
	// NoSync skips the fsync after each bbolt commit. Loads are much faster;
	// a killed process loses nothing it committed, but an operating-system
	// crash or power loss before Close can corrupt the file (bbolt's own
	// warning), so a store loaded this way must then be rebuilt. Close
	// always syncs.
	NoSync bool
	// NoBloom turns off Cayley's in-memory bloom filters, which let writes
	// skip index lookups for quads and index keys that cannot exist yet.
	// They cost memory (about 100 MB at open, and about 80 MB more per
	// index on the first write into an empty store) and a scan of the
	// whole log at open. Read-only stores never build them.
	NoBloom bool
	// LockTimeout is how long Open waits for another process that holds the
	// bbolt file; zero means 2s. Without a timeout a second `kg` command
	// would hang silently while `kg serve` runs.
	LockTimeout time.Duration
}

type backend int

const (
	backendBolt backend = iota
	backendMem
	backendSQL
)

// Store is an open quad store. Its methods are safe for concurrent use.
type Store struct {
	spec string
	kind backend
	qs   cgraph.QuadStore
	bolt *bolt.DB // nil unless kind == backendBolt
	// pg writes documents into PostgreSQL with COPY (see package pgbulk)
	// instead of Cayley's row-at-a-time writer; nil unless a writable SQL
	// store.
	pg       *pgbulk.Writer
	readOnly bool

	// mu serialises writers, because ReplaceDocument reads the document's
	// old quads before it applies the difference and two interleaved
	// replacements of one document would compute wrong differences. For
	// the in-memory backend, which has no locking of its own, readers
	// take it too (see rlock).
	mu sync.RWMutex
	// queries counts query goroutines still winding down after Query
	// returned; Close waits for them.
	queries sync.WaitGroup
}

// Open opens, creating it if needed, the store named by spec:
//
//	bolt:PATH            a bbolt database in directory PATH (the default, PATH=kg.db)
//	PATH                 the same, when spec has no scheme
//	mem:                 an in-memory store, gone when closed
//	postgres://...       PostgreSQL through Cayley's SQL backend
//	postgresql://...     the same
func Open(ctx context.Context, spec string, opts Options) (*Store, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if spec == "" {
		spec = DefaultSpec
	}
	s := &Store{spec: spec, readOnly: opts.ReadOnly}
	var err error
	switch {
	case spec == "mem:" || spec == "mem" || spec == "memstore:":
		s.kind = backendMem
		s.qs = memstore.New()
	case strings.HasPrefix(spec, "postgres://") || strings.HasPrefix(spec, "postgresql://"):
		s.kind = backendSQL
		s.qs, err = openSQL(spec, opts)
		if err == nil && !opts.ReadOnly {
			if s.pg, err = pgbulk.Open(ctx, spec); err == nil {
				err = s.pg.EnsureIndexes(ctx)
			}
			if err != nil {
				if s.pg != nil {
					s.pg.Close()
				}
				s.qs.Close()
				err = fmt.Errorf("graph: open postgres bulk writer: %w", err)
			}
		}
	case strings.HasPrefix(spec, "bolt:") || strings.HasPrefix(spec, "bbolt:") || !strings.Contains(spec, "://"):
		s.kind = backendBolt
		dir := spec
		if i := strings.IndexByte(spec, ':'); i >= 0 && (strings.HasPrefix(spec, "bolt:") || strings.HasPrefix(spec, "bbolt:")) {
			dir = spec[i+1:]
		}
		if dir == "" {
			dir = strings.TrimPrefix(DefaultSpec, "bolt:")
		}
		s.qs, s.bolt, err = openBolt(dir, opts)
	default:
		return nil, fmt.Errorf("graph: unknown store %q (want bolt:PATH, mem: or postgres://...)", spec)
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

// writerMmapSize is the address space a writable bbolt store maps up front.
const writerMmapSize = 1 << 30

// openBolt opens the bbolt file itself rather than through Cayley's
// registry so that it can pass a lock timeout, read-only mode and no-sync
// mode, none of which the registry exposes. The on-disk layout is Cayley's.
func openBolt(dir string, opts Options) (cgraph.QuadStore, *bolt.DB, error) {
	file := filepath.Join(dir, boltFile)
	_, statErr := os.Stat(file)
	exists := statErr == nil
	if opts.ReadOnly && !exists {
		return nil, nil, fmt.Errorf("graph: no store at %s (build one first with `kg build`)", dir)
	}
	if !exists {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, nil, fmt.Errorf("graph: create store directory: %w", err)
		}
	}
	timeout := opts.LockTimeout
	if timeout <= 0 {
		timeout = 2 * time.Second
	}
	bopts := &bolt.Options{
		Timeout:  timeout,
		ReadOnly: opts.ReadOnly,
		NoSync:   opts.NoSync,
	}
	if !opts.ReadOnly && strconv.IntSize == 64 {
		// A growing file makes bbolt re-map it, and every re-map waits
		// for all read transactions and copies the pages in flight: a
		// bulk build paid ~2.5 CPU-s and ~6 s of stalled readers for it
		// on Reuters. Reserving 1 GiB of address space up front costs no
		// memory (RSS counts only pages touched) and skips the re-maps
		// until the file outgrows it.
		bopts.InitialMmapSize = writerMmapSize
	}
	db, err := hbolt.Open(file, bopts)
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, nil, fmt.Errorf("graph: store %s is locked by another process (is `kg serve` or `kg build` running?)", dir)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("graph: open %s: %w", file, err)
	}
	bdb := db.DB()
	bdb.NoGrowSync = opts.NoSync
	// Cayley's existence bloom filter only speeds up writes and costs a
	// scan of the whole log at open time, so readers skip it.
	copts := cgraph.Options{ckv.OptNoBloom: opts.ReadOnly || opts.NoBloom}
	if !exists {
		if err := initBolt(db, copts); err != nil {
			db.Close()
			return nil, nil, fmt.Errorf("graph: initialise %s: %w", dir, err)
		}
	}
	qs, err := ckv.New(db, copts)
	if errors.Is(err, cgraph.ErrNotInitialized) && !opts.ReadOnly {
		// The file exists but holds no quad store (an interrupted init).
		if err = initBolt(db, copts); err == nil {
			qs, err = ckv.New(db, copts)
		}
	}
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("graph: open %s: %w", dir, err)
	}
	return qs, bdb, nil
}

// boltIndexes are the quad indexes of the stores we create: Cayley's two
// defaults (subject-predicate for forward traversal, object-predicate-
// subject for reverse traversal) plus label-subject, so that a document's
// quads can be listed without scanning the whole store (ReplaceDocument and
// RemoveDocument do this for every document), and predicate-subject, for
// listing every name or type. Each index key includes the subject so that no
// key collects a huge list of quads: Cayley reads and rewrites a key's whole
// list on every write touching it, and intersects all lists to test whether
// a quad exists.
var boltIndexes = []ckv.QuadIndex{
	ckv.DefaultQuadIndexes[0],
	ckv.DefaultQuadIndexes[1],
	{Dirs: []quad.Direction{quad.Label, quad.Subject}},
	{Dirs: []quad.Direction{quad.Predicate, quad.Subject}},
}

// initBolt initialises an empty bbolt file as a Cayley quad store with
// boltIndexes. Cayley offers no API to choose indexes (its environment
// variable for it is not decoded), but it reads the list from the store's
// metadata key meta/indexes, which Init writes; we overwrite it before any
// quad exists and create the extra index buckets.
func initBolt(db hkv.KV, copts cgraph.Options) error {
	ctx := context.Background()
	if err := ckv.Init(db, copts); err != nil {
		return err
	}
	data, err := json.Marshal(boltIndexes)
	if err != nil {
		return err
	}
	return hkv.Update(ctx, db, func(tx hkv.Tx) error {
		if err := tx.Put(ctx, hkv.Key{[]byte("meta"), []byte("indexes")}, data); err != nil {
			return err
		}
		for _, ind := range boltIndexes {
			name := make([]byte, len(ind.Dirs))
			for i, d := range ind.Dirs {
				name[i] = d.Prefix()
			}
			// A key with an empty last part creates the bucket.
			if err := tx.Put(ctx, hkv.Key{name, nil}, nil); err != nil {
				return err
			}
		}
		return nil
	})
}

func openSQL(addr string, opts Options) (cgraph.QuadStore, error) {
	const typ = "postgres"
	if !opts.ReadOnly {
		exists, err := sqlStoreExists(addr)
		if err != nil {
			return nil, fmt.Errorf("graph: open postgres store: %w", err)
		}
		if exists {
			return openSQLQuadStore(addr)
		}
		err = cgraph.InitQuadStore(typ, addr, nil)
		if err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			return nil, fmt.Errorf("graph: initialise postgres store: %w", err)
		}
	}
	return openSQLQuadStore(addr)
}

func openSQLQuadStore(addr string) (cgraph.QuadStore, error) {
	qs, err := cgraph.NewQuadStore("postgres", addr, nil)
	if err != nil {
		return nil, fmt.Errorf("graph: open postgres store: %w", err)
	}
	return qs, nil
}

// sqlStoreExists reports whether the database already holds Cayley's
// tables. Cayley's InitQuadStore would find out too, but it logs an
// "ERROR: Cannot create nodes table" line on every open of an existing
// store, which users would read as a failure.
func sqlStoreExists(addr string) (bool, error) {
	db, err := sql.Open("postgres", addr)
	if err != nil {
		return false, err
	}
	defer db.Close()
	var exists bool
	if err := db.QueryRow(`SELECT to_regclass('quads') IS NOT NULL AND to_regclass('nodes') IS NOT NULL`).Scan(&exists); err != nil {
		return false, err
	}
	return exists, nil
}

// Spec returns the spec the store was opened with.
func (s *Store) Spec() string { return s.spec }

// Close releases the store. With NoSync it syncs before closing.
func (s *Store) Close() error {
	s.queries.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.qs == nil {
		return nil
	}
	var err error
	if s.bolt != nil && s.bolt.NoSync && !s.readOnly {
		err = s.bolt.Sync()
	}
	if cerr := s.qs.Close(); err == nil {
		err = cerr
	}
	s.qs = nil
	if s.pg != nil {
		if cerr := s.pg.Close(); err == nil {
			err = cerr
		}
		s.pg = nil
	}
	if err != nil {
		return fmt.Errorf("graph: close %s: %w", s.spec, err)
	}
	return nil
}

// QuadStore returns the underlying Cayley store, for the HTTP server and
// query languages. The in-memory backend is not safe for concurrent use
// through it (not even by concurrent readers); bbolt and PostgreSQL are.
func (s *Store) QuadStore() cgraph.QuadStore { return s.qs }

// rlock locks out writers where the backend needs it: only the in-memory
// one, where bbolt and PostgreSQL isolate readers from writers themselves.
// Cayley's memstore even mutates shared state on reads (its all-nodes
// iterator caches a clone), so its readers exclude each other too.
func (s *Store) rlock() func() {
	if s.kind != backendMem {
		return func() {}
	}
	s.mu.Lock()
	return s.mu.Unlock
}

// wlock serialises writers; it fails on read-only stores.
func (s *Store) wlock() (func(), error) {
	if s.readOnly {
		return nil, ErrReadOnly
	}
	s.mu.Lock()
	return s.mu.Unlock, nil
}

// backendStats returns Cayley's counters. exact asks for an exact node
// count, which the kv backends compute by scanning every node. A bbolt
// store that has never been written has no counters yet; that is zero, not
// an error.
func (s *Store) backendStats(ctx context.Context, exact bool) (cgraph.Stats, error) {
	st, err := s.qs.Stats(ctx, exact)
	if errors.Is(err, ckv.ErrNoBucket) {
		return cgraph.Stats{}, nil
	}
	return st, err
}

// countQuads counts the quads whose direction d holds v by walking the
// index without materialising the quads. (Cayley's QuadIteratorSize is
// exact only for single-direction indexes, which our stores do not have.)
func (s *Store) countQuads(ctx context.Context, d quad.Direction, v quad.Value) (int64, error) {
	ref, err := s.qs.ValueOf(v)
	if err != nil || ref == nil {
		return 0, err
	}
	it := s.qs.QuadIterator(d, ref).Iterate()
	defer it.Close()
	var n int64
	for it.Next(ctx) {
		n++
	}
	if err := it.Err(); err != nil {
		return 0, err
	}
	return n, ctx.Err()
}

// quadsOf returns every quad whose direction d holds v, in index order.
//
// It walks the node's index with Cayley's QuadIterator, then names all the
// quads' nodes in one batch (refs.BatchNamer, one read transaction on kv
// backends) instead of one Quad call, and one transaction, per quad. Nodes
// shared by many of the quads (the predicate, the label, v itself) are
// decoded once.
func (s *Store) quadsOf(ctx context.Context, d quad.Direction, v quad.Value) ([]quad.Quad, error) {
	ref, err := s.qs.ValueOf(v)
	if err != nil {
		return nil, fmt.Errorf("graph: look up %s: %w", v, err)
	}
	if ref == nil {
		return nil, nil
	}
	it := s.qs.QuadIterator(d, ref).Iterate()
	defer it.Close()
	var (
		links [][4]int // per quad, index into nodes (-1: none)
		nodes []cgraph.Ref
		index = map[interface{}]int{}
	)
	for it.Next(ctx) {
		var l [4]int
		for i, dir := range quad.Directions {
			r, err := s.qs.QuadDirection(it.Result(), dir)
			if err != nil {
				return nil, fmt.Errorf("graph: read quad: %w", err)
			}
			if r == nil {
				l[i] = -1
				continue
			}
			k := r.Key()
			j, ok := index[k]
			if !ok {
				j = len(nodes)
				index[k] = j
				nodes = append(nodes, r)
			}
			l[i] = j
		}
		links = append(links, l)
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("graph: iterate quads of %s: %w", v, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	vals, err := cgraph.ValuesOf(ctx, s.qs, nodes)
	if err != nil {
		return nil, fmt.Errorf("graph: read nodes of %s: %w", v, err)
	}
	out := make([]quad.Quad, 0, len(links))
	for _, l := range links {
		var q quad.Quad
		for i, dir := range quad.Directions {
			if l[i] >= 0 {
				q.Set(dir, vals[l[i]])
			}
		}
		if q.IsValid() {
			out = append(out, q)
		}
	}
	return out, nil
}
