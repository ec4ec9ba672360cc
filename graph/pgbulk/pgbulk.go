// Package pgbulk writes quads into a PostgreSQL database laid out by Cayley's
// SQL backend (github.com/cayleygraph/cayley/graph/sql/postgres) with a fixed
// number of statements per batch, where Cayley's own writer sends one INSERT
// per node and one per quad, a round trip each.
//
// How much faster that is depends on how the quads are grouped. The server's
// work per quad stays — Cayley's schema gives every quad seven indexes, four
// foreign keys and a reference count on each of its nodes — so one large
// batch costs about half the CPU of Cayley's writer, and many documents per
// transaction about a third of what Cayley spends writing them one by one;
// one small document per transaction gains little (BenchmarkWrite has the
// figures).
//
// A write streams the nodes and quads with COPY into session-local staging
// tables and then moves them into Cayley's nodes and quads tables with a few
// set-based statements, all in one transaction: a batch (a document, or many)
// is visible all at once or not at all. The rows are the ones Cayley's writer
// produces — the same node hashes (Cayley's own hash function), the same
// value columns (Cayley's own encoding function), refs counting the quad
// directions that reference each node, ts set to the transaction time — so
// Cayley reads them back, and Cayley's writer can keep writing to the same
// tables afterwards.
//
// One difference is deliberate: Cayley's writer adds to a node's refs for
// every quad it is given, even a quad that is already stored (its insert is
// skipped, the count is not), so such nodes are never deleted when their
// last quad goes. pgbulk counts only the quads it actually inserts or
// deletes. For inputs without already-stored quads — every write kg's
// ReplaceDocument makes — the tables are identical row for row (the tests
// compare them); otherwise pgbulk's refs are the correct ones.
package pgbulk

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq" // the driver Cayley's postgres backend registers, so values encode identically
)

// Writer writes batches of quads into one database. It is safe for
// concurrent use, and several Writers (in several processes or on several
// machines) may write to the same database: transactions that collide are
// retried.
type Writer struct {
	db     *sql.DB
	ownsDB bool
}

// Open connects to the PostgreSQL database at url (a lib/pq connection
// string, e.g. postgres://user@host:5432/db?sslmode=disable), which must
// already hold Cayley's tables (graph.Open or cayley init creates them).
func Open(ctx context.Context, url string) (*Writer, error) {
	db, err := sql.Open("postgres", url)
	if err != nil {
		return nil, fmt.Errorf("pgbulk: open: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("pgbulk: connect: %w", err)
	}
	return &Writer{db: db, ownsDB: true}, nil
}

// New returns a Writer that uses db, which must have been opened with the
// "postgres" (lib/pq) driver. Close does not close db.
func New(db *sql.DB) *Writer { return &Writer{db: db} }

// Close closes the connection pool if Open created it.
func (w *Writer) Close() error {
	if !w.ownsDB {
		return nil
	}
	return w.db.Close()
}

// Batch is what one transaction writes.
type Batch struct {
	// Replace lists labels whose stored quads are replaced: every stored
	// quad carrying one of them that is not among Quads is deleted. A nil
	// entry stands for the quads without a label.
	Replace []quad.Value
	// Quads are added; those already stored are left alone. Duplicates
	// are written once.
	Quads []quad.Quad
}

// Result says what a write changed.
type Result struct {
	Added   int // quads inserted
	Removed int // quads deleted (only by Batch.Replace)
}

// ReplaceLabel replaces, in one transaction, every stored quad labelled
// label by quads, all of which must carry label. Quads the old and new sets
// share are not touched.
func (w *Writer) ReplaceLabel(ctx context.Context, label quad.Value, quads []quad.Quad) (Result, error) {
	if label == nil {
		return Result{}, errors.New("pgbulk: replace: empty label")
	}
	key := label.String()
	for i, q := range quads {
		if quad.StringOf(q.Label) != key {
			return Result{}, fmt.Errorf("pgbulk: replace %s: quad %d has label %s", label, i, quad.StringOf(q.Label))
		}
	}
	return w.Write(ctx, Batch{Replace: []quad.Value{label}, Quads: quads})
}

// Add adds quads in one transaction, skipping those already stored.
func (w *Writer) Add(ctx context.Context, quads []quad.Quad) (Result, error) {
	return w.Write(ctx, Batch{Quads: quads})
}

// loadMin is the smallest addition Write makes with a Load: below it, the
// Load's fixed cost (a dozen statements, temporary tables) outweighs
// what it saves.
const loadMin = 5000

// load writes b in one Load.
func (w *Writer) load(ctx context.Context, b Batch) (Result, error) {
	l, err := w.BeginLoad(ctx)
	if err != nil {
		return Result{}, err
	}
	if err := l.Replace(b.Replace); err != nil {
		l.Rollback()
		return Result{}, err
	}
	if err := l.Add(ctx, b.Quads); err != nil {
		l.Rollback()
		return Result{}, err
	}
	return l.Commit(ctx)
}

// maxAttempts bounds how often a write is retried after colliding with a
// concurrent writer.
const maxAttempts = 6

// Write applies b in one transaction. When it collides with a concurrent
// writer (a deadlock, or a node deleted under it because another
// transaction removed that node's last quad) the transaction is rolled
// back and run again, up to a few times.
//
// A batch of at least loadMin quads is written as a Load (see BeginLoad),
// which is several times cheaper for the server when the batch is large
// compared to the store, and no dearer otherwise.
func (w *Writer) Write(ctx context.Context, b Batch) (Result, error) {
	attempt := func() (Result, error) { return w.load(ctx, b) }
	if len(b.Quads) < loadMin {
		st, err := stage(b)
		if err != nil {
			return Result{}, err
		}
		if len(st.quads) == 0 && len(st.labels) == 0 && !st.unlabelled {
			return Result{}, nil
		}
		attempt = func() (Result, error) { return w.write(ctx, st) }
	}
	return retry(ctx, attempt)
}

// retry runs attempt until it succeeds, fails for a reason other than a
// collision with a concurrent writer, or has failed maxAttempts times.
func retry(ctx context.Context, try func() (Result, error)) (Result, error) {
	for attempt := 1; ; attempt++ {
		res, err := try()
		if err == nil || attempt == maxAttempts || !retryable(err) || ctx.Err() != nil {
			return res, err
		}
		select {
		case <-time.After(time.Duration(attempt*attempt) * 10 * time.Millisecond):
		case <-ctx.Done():
			return Result{}, ctx.Err()
		}
	}
}

// retryable reports whether err is a collision with another transaction
// that a fresh attempt can get past.
func retryable(err error) bool {
	var pe *pq.Error
	if !errors.As(err, &pe) {
		return false
	}
	switch pe.Code {
	case "40P01", // deadlock_detected
		"40001", // serialization_failure
		"23503": // foreign_key_violation: a node deleted by a concurrent removal
		return true
	}
	return false
}

// staged is a batch turned into the rows COPY sends.
type staged struct {
	nodes [][]interface{} // one row per distinct node: hash then the value columns
	quads [][]interface{} // one row per distinct quad: ord, four hashes
	// labels are the hashes of the labels to replace; unlabelled says
	// whether the unlabelled quads are replaced too.
	labels     [][]byte
	unlabelled bool
}

// nodeColumns are the columns of Cayley's nodes table, in the order stage
// fills them; refs is computed in the database.
var nodeColumns = []string{"hash", "value", "value_string", "datatype", "language", "iri", "bnode",
	"value_int", "value_bool", "value_float", "value_time"}

// stage hashes and encodes the batch with Cayley's own functions and drops
// duplicate nodes and quads.
func stage(b Batch) (*staged, error) {
	st := &staged{}
	colIndex := make(map[string]int, len(nodeColumns))
	for i, c := range nodeColumns {
		colIndex[c] = i
	}
	seenNode := make(map[string]bool, len(b.Quads))
	seenQuad := make(map[[4]string]bool, len(b.Quads))
	hashes := hashCache{}
	for i, q := range b.Quads {
		if !q.IsValid() {
			return nil, fmt.Errorf("pgbulk: quad %d is incomplete: %v", i, q)
		}
		var key [4]string
		row := make([]interface{}, 5)
		row[0] = int64(i)
		for j, d := range quad.Directions {
			v := q.Get(d)
			if v == nil {
				continue
			}
			h, hb := hashes.of(v)
			key[j] = string(hb)
			row[j+1] = hb
			if seenNode[key[j]] {
				continue
			}
			seenNode[key[j]] = true
			typ, vals, err := csql.NodeValues(h, v)
			if err != nil {
				return nil, fmt.Errorf("pgbulk: quad %d: encode %s: %w", i, d, err)
			}
			nrow := make([]interface{}, len(nodeColumns))
			nrow[0] = vals[0]
			for k, c := range typ.Columns() {
				nrow[colIndex[c]] = vals[k+1]
			}
			st.nodes = append(st.nodes, nrow)
		}
		if seenQuad[key] {
			continue
		}
		seenQuad[key] = true
		st.quads = append(st.quads, row)
	}
	seenLabel := map[string]bool{}
	for _, l := range b.Replace {
		if l == nil {
			st.unlabelled = true
			continue
		}
		h := csql.HashOf(l).SQLValue().([]byte)
		if !seenLabel[string(h)] {
			seenLabel[string(h)] = true
			st.labels = append(st.labels, h)
		}
	}
	return st, nil
}

// hashCache remembers the hashes of the IRIs, blank nodes and plain
// strings of one batch. A batch names the same predicates, labels and
// entities over and over, and Cayley's hash of a value formats it as
// N-Quads text and runs SHA-1 over that, which was a sixth of a load's
// client time; other kinds of value are hashed each time.
type hashCache map[hashKey]hashed

type hashKey struct {
	kind byte
	s    string
}

type hashed struct {
	h  csql.NodeHash
	hb []byte
}

func (c hashCache) of(v quad.Value) (csql.NodeHash, []byte) {
	var k hashKey
	switch v := v.(type) {
	case quad.IRI:
		k = hashKey{'i', string(v)}
	case quad.BNode:
		k = hashKey{'b', string(v)}
	case quad.String:
		k = hashKey{'s', string(v)}
	default:
		h := csql.HashOf(v)
		return h, h.SQLValue().([]byte)
	}
	if e, ok := c[k]; ok {
		return e.h, e.hb
	}
	h := csql.HashOf(v)
	e := hashed{h, h.SQLValue().([]byte)}
	c[k] = e
	return e.h, e.hb
}

// stagingDDL creates the session's staging table once per connection. ON
// COMMIT DELETE ROWS empties it at the end of every transaction, so it is
// reused rather than recreated (which would churn the catalog once per
// document). A rolled-back transaction leaves it empty too.
const stagingDDL = `
CREATE TEMP TABLE IF NOT EXISTS pgbulk_new_nodes (
	refs int, hash bytea, value bytea, value_string text, datatype text, language text,
	iri boolean, bnode boolean, value_int bigint, value_bool boolean,
	value_float double precision, value_time timestamp with time zone
) ON COMMIT DELETE ROWS;`

// The statements of a write, in order. Each works on whole sets, so a batch
// costs a fixed number of round trips whatever its size. The quads go as
// array parameters (hashes only), the nodes, whose values need Cayley's
// encoding, by COPY. The client works out which quads are new and so what
// every node's reference count gains before it writes a node, so that a
// new node is written once, with its final count, and a stored one
// updated once; the planner, given arrays whose length it knows, probes
// the indexes for a few quads where a join with a staging table it has no
// statistics for could scan the whole quads table.
const (
	// The replaced labels' stored quads that are not in the new set. The
	// labels are a parameter so that the planner uses the label index
	// (EnsureIndexes). %s is the condition on label_hash; $1..$4 are the
	// new quads' hashes.
	deleteQuads = `DELETE FROM quads q
WHERE %s
AND NOT EXISTS (
	SELECT 1 FROM unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) AS s(sh, ph, oh, lh)
	WHERE s.sh = q.subject_hash AND s.ph = q.predicate_hash
	AND s.oh = q.object_hash AND coalesce(s.lh, '') = coalesce(q.label_hash, ''))
RETURNING q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash`

	// The positions (1-based) of the quads already stored.
	storedQuads = `SELECT s.i FROM unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) WITH ORDINALITY AS s(sh, ph, oh, lh, i)
WHERE EXISTS (SELECT 1 FROM quads q WHERE q.subject_hash = s.sh AND q.predicate_hash = s.ph
	AND q.object_hash = s.oh AND q.label_hash IS NOT DISTINCT FROM nullif(s.lh, ''))`

	// The nodes the new quads reference, each with the references it
	// gains: a new node is inserted with them, a stored one gains them.
	// Sorted by hash so that concurrent writers lock nodes in the same
	// order; the row lock this takes also keeps a concurrent writer from
	// deleting the node before this transaction's quads reference it.
	upsertNodes = `INSERT INTO nodes (refs, hash, value, value_string, datatype, language, iri, bnode,
	value_int, value_bool, value_float, value_time)
SELECT refs, hash, value, value_string, datatype, language, iri, bnode,
	value_int, value_bool, value_float, value_time
FROM pgbulk_new_nodes ORDER BY hash
ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`

	// The new quads, in input order (so horizon follows it, as with
	// Cayley's writer). ON CONFLICT without a target covers both of
	// Cayley's partial unique indexes (with and without a label), for a
	// quad a concurrent writer stored meanwhile; the ts is the
	// transaction's time, as Cayley's now().
	insertQuads = `INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
SELECT sh, ph, oh, nullif(lh, ''), now()
FROM unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) WITH ORDINALITY AS s(sh, ph, oh, lh, i) ORDER BY i
ON CONFLICT DO NOTHING
RETURNING subject_hash, predicate_hash, object_hash, label_hash`

	// Row locks in hash order on the stored nodes whose counts change,
	// before any is changed, for the same reason as upsertNodes' ORDER
	// BY. FOR NO KEY UPDATE is the lock UPDATE and ON CONFLICT DO UPDATE
	// take; it does not conflict with the key-share locks other writers'
	// foreign key checks hold on the same nodes.
	lockNodes = `SELECT 1 FROM nodes WHERE hash = ANY($1::bytea[]) ORDER BY hash FOR NO KEY UPDATE`

	updateRefs = `UPDATE nodes SET refs = nodes.refs + d.n
FROM unnest($1::bytea[], $2::bigint[]) AS d(hash, n) WHERE nodes.hash = d.hash`

	// Nodes left without references, as Cayley's writer deletes them, but
	// looking only at the nodes this batch may have left unreferenced
	// rather than scanning the whole table.
	deleteNodes = `DELETE FROM nodes WHERE hash = ANY($1::bytea[]) AND refs <= 0`
)

// quadArrays returns the four hash columns of quads as array parameters.
// pq.ByteaArray sends a nil element as an empty bytea, not NULL, so the
// statements read an empty label hash as none (no hash is empty).
func quadArrays(quads [][]interface{}) []interface{} {
	cols := make([]pq.ByteaArray, 4)
	for d := range cols {
		cols[d] = make(pq.ByteaArray, len(quads))
	}
	for i, row := range quads {
		for d := range cols {
			if h, ok := row[d+1].([]byte); ok {
				cols[d][i] = h
			}
		}
	}
	return []interface{}{cols[0], cols[1], cols[2], cols[3]}
}

// write runs one attempt of a write.
func (w *Writer) write(ctx context.Context, st *staged) (res Result, err error) {
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return Result{}, fmt.Errorf("pgbulk: begin: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	// refs is the net change of each node's references; removed are the
	// nodes that lost some.
	refs := make(map[string]int64, len(st.nodes))
	arrays := quadArrays(st.quads)
	if len(st.labels) > 0 {
		n, err := queryQuads(ctx, tx, refs, -1, fmt.Sprintf(deleteQuads, "q.label_hash = ANY($5::bytea[])"),
			append(arrays, pq.ByteaArray(st.labels))...)
		if err != nil {
			return Result{}, fmt.Errorf("pgbulk: delete replaced quads: %w", explain(err))
		}
		res.Removed += n
	}
	if st.unlabelled {
		n, err := queryQuads(ctx, tx, refs, -1, fmt.Sprintf(deleteQuads, "q.label_hash IS NULL"), arrays...)
		if err != nil {
			return Result{}, fmt.Errorf("pgbulk: delete replaced quads: %w", explain(err))
		}
		res.Removed += n
	}
	fresh, err := newQuads(ctx, tx, st, arrays)
	if err != nil {
		return Result{}, err
	}
	// What the new quads bring, per node; the nodes with a net gain are
	// written now, the others after the quads.
	gain := make(map[string]int64, len(st.nodes))
	for _, row := range fresh {
		for _, h := range row[1:] {
			if h != nil {
				gain[string(h.([]byte))]++
			}
		}
	}
	var nodes [][]interface{}
	var locks [][]byte
	for _, row := range st.nodes {
		h := string(row[0].([]byte))
		if n := gain[h] + refs[h]; n > 0 {
			nodes = append(nodes, append([]interface{}{n}, row...))
			locks = append(locks, row[0].([]byte))
		}
		refs[h] += gain[h]
	}
	// Every stored node whose count changes is locked now, in one pass in
	// hash order: writers that took their locks in two passes (the gains,
	// then the losses) would deadlock on each other. Without losses the
	// upsert is that pass.
	losses := false
	for h, n := range refs {
		if n < 0 {
			locks = append(locks, []byte(h))
			losses = true
		}
	}
	if losses {
		slices.SortFunc(locks, bytes.Compare)
		if _, err := tx.ExecContext(ctx, lockNodes, pq.ByteaArray(locks)); err != nil {
			return Result{}, fmt.Errorf("pgbulk: lock nodes: %w", err)
		}
	}
	if len(nodes) > 0 {
		if _, err := tx.ExecContext(ctx, stagingDDL); err != nil {
			return Result{}, fmt.Errorf("pgbulk: create staging table: %w", err)
		}
		if err := copyRows(ctx, tx, "pgbulk_new_nodes", append([]string{"refs"}, nodeColumns...), nodes); err != nil {
			return Result{}, err
		}
		if _, err := tx.ExecContext(ctx, upsertNodes); err != nil {
			return Result{}, fmt.Errorf("pgbulk: insert nodes: %w", explain(err))
		}
	}
	// later are the changes still to make: the losses of nodes that had
	// no net gain, and, for a quad a concurrent writer stored between the
	// look-up and the insert, the references counted for it.
	later := make(map[string]int64)
	for h, n := range refs {
		if n < 0 {
			later[h] = n
		}
	}
	if len(fresh) > 0 {
		inserted := map[string]int64{}
		n, err := queryQuads(ctx, tx, inserted, +1, insertQuads, quadArrays(fresh)...)
		if err != nil {
			return Result{}, fmt.Errorf("pgbulk: insert quads: %w", explain(err))
		}
		res.Added = n
		if n < len(fresh) {
			for h, g := range gain {
				if d := inserted[h] - g; d != 0 {
					later[h] += d
				}
			}
		}
	}
	var changed [][]byte
	var deltas []int64
	for h, n := range later {
		if n != 0 {
			changed = append(changed, []byte(h))
		}
	}
	slices.SortFunc(changed, bytes.Compare)
	for _, h := range changed {
		deltas = append(deltas, later[string(h)])
	}
	if len(changed) > 0 {
		if _, err := tx.ExecContext(ctx, updateRefs, pq.ByteaArray(changed), pq.Int64Array(deltas)); err != nil {
			return Result{}, fmt.Errorf("pgbulk: update references: %w", err)
		}
		if _, err := tx.ExecContext(ctx, deleteNodes, pq.ByteaArray(changed)); err != nil {
			return Result{}, fmt.Errorf("pgbulk: delete unreferenced nodes: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return Result{}, fmt.Errorf("pgbulk: commit: %w", err)
	}
	return res, nil
}

// replacesAll reports whether every quad of st carries a label st
// replaces.
func replacesAll(st *staged) bool {
	if len(st.labels) == 0 {
		return false
	}
	labels := make(map[string]bool, len(st.labels))
	for _, l := range st.labels {
		labels[string(l)] = true
	}
	for _, row := range st.quads {
		l, ok := row[4].([]byte)
		if !ok || !labels[string(l)] {
			return false
		}
	}
	return true
}

// newQuads returns the rows of the quads that are not stored.
//
// When every quad carries a label the batch replaces (a document being
// written), only those labels' quads can be stored, and the replacement
// has just deleted all of them but the ones in the batch; so the look-up
// first asks, with one probe of the label index, whether any is left,
// and for a new document stops there.
func newQuads(ctx context.Context, tx *sql.Tx, st *staged, arrays []interface{}) ([][]interface{}, error) {
	quads := st.quads
	if len(quads) == 0 {
		return nil, nil
	}
	query, args := storedQuads, arrays
	if replacesAll(st) {
		query = storedQuads + `
AND EXISTS (SELECT 1 FROM quads WHERE label_hash = ANY($5::bytea[]))`
		args = append(slices.Clip(arrays), pq.ByteaArray(st.labels))
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("pgbulk: look up stored quads: %w", explain(err))
	}
	defer rows.Close()
	stored := map[int]bool{}
	for rows.Next() {
		var i int
		if err := rows.Scan(&i); err != nil {
			return nil, fmt.Errorf("pgbulk: look up stored quads: %w", err)
		}
		stored[i-1] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pgbulk: look up stored quads: %w", err)
	}
	if len(stored) == 0 {
		return quads, nil
	}
	out := make([][]interface{}, 0, len(quads)-len(stored))
	for i, row := range quads {
		if !stored[i] {
			out = append(out, row)
		}
	}
	return out, nil
}

// queryQuads runs a statement returning the hashes of the quads it inserted
// or deleted, adds sign to the references of their nodes in refs, and
// returns how many quads there were.
func queryQuads(ctx context.Context, tx *sql.Tx, refs map[string]int64, sign int64, query string, args ...interface{}) (int, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, explain(err)
	}
	defer rows.Close()
	n := 0
	var h [4][]byte
	for rows.Next() {
		if err := rows.Scan(&h[0], &h[1], &h[2], &h[3]); err != nil {
			return n, err
		}
		n++
		for _, d := range h {
			if d != nil {
				refs[string(d)] += sign
			}
		}
	}
	return n, rows.Err()
}

// copyRows streams rows into table with COPY. lib/pq buffers the rows and
// sends them in large messages, so this costs a few round trips per batch
// rather than one per row.
func copyRows(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]interface{}) error {
	if len(rows) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, pq.CopyIn(table, cols...))
	if err != nil {
		return fmt.Errorf("pgbulk: copy into %s: %w", table, err)
	}
	for _, r := range rows {
		if _, err := stmt.ExecContext(ctx, r...); err != nil {
			stmt.Close()
			return fmt.Errorf("pgbulk: copy into %s: %w", table, err)
		}
	}
	if _, err := stmt.ExecContext(ctx); err != nil {
		stmt.Close()
		return fmt.Errorf("pgbulk: copy into %s: %w", table, explain(err))
	}
	if err := stmt.Close(); err != nil {
		return fmt.Errorf("pgbulk: copy into %s: %w", table, err)
	}
	return nil
}

// explain adds a hint to the error PostgreSQL gives when the database has
// no Cayley tables.
func explain(err error) error {
	var pe *pq.Error
	if errors.As(err, &pe) && pe.Code == "42P01" { // undefined_table
		return fmt.Errorf("%w (is this a Cayley quad store? `kg build --store postgres://...` creates one)", err)
	}
	return err
}

// labelIndex is the one index pgbulk adds to Cayley's schema. Cayley indexes
// quads by subject, predicate and object but not by label, so every lookup
// of a document's quads — Cayley's own (graph.Store reads a document before
// replacing it) and pgbulk's replacement — scans the whole quads table,
// which makes building a store quadratic in its size. Cayley's reader
// ignores indexes it did not create.
const labelIndex = `CREATE INDEX IF NOT EXISTS quads_label_index ON quads (label_hash)`

// EnsureIndexes adds the label index if the database lacks it. It takes a
// lock that blocks writers while the index is built (seconds per million
// quads, once); when the index exists it is a cheap no-op. Call it when
// opening a store for writing.
func (w *Writer) EnsureIndexes(ctx context.Context) error {
	// CREATE INDEX IF NOT EXISTS locks the table before it looks for the
	// index, so it would wait for every open write; look first.
	var n int
	err := w.db.QueryRowContext(ctx,
		`SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'quads_label_index'`).Scan(&n)
	if err != nil {
		return fmt.Errorf("pgbulk: look for label index: %w", err)
	}
	if n > 0 {
		return nil
	}
	if _, err := w.db.ExecContext(ctx, labelIndex); err != nil {
		return fmt.Errorf("pgbulk: create label index: %w", explain(err))
	}
	return nil
}
