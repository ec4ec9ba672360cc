package pgbulk

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// Load is a bulk load: any number of batches added in one transaction, for
// imports and builds that write far more quads than the store holds.
//
// Write keeps Cayley's seven quad indexes, four foreign keys and node
// primary key up to date row by row, and that per-row maintenance — a
// random insert into each of eight B-trees and a foreign-key query for each
// quad direction — is most of what a write costs the server, whoever
// sends the rows. A Load instead sets the indexes and constraints aside,
// copies the rows in, and then creates exactly the indexes and constraints
// that were there (their definitions are read back from PostgreSQL's
// catalog, so whatever Cayley created, with its fill factor, is what comes
// back). Sorting the rows once per index is several times cheaper than
// inserting them one by one, and adding a foreign key checks every row in
// one join.
//
// When the tables start empty (a new store) the quads go straight into
// Cayley's quads table and the nodes into its nodes table at Commit; the
// reference counts are counted by the client. When they hold data, the
// batches are staged in temporary tables and merged at Commit: quads
// already stored are dropped, and the indexes are rebuilt only if the new
// quads are many compared to the stored ones (rebuildRatio); otherwise
// they are maintained row by row, as Write does.
//
// While a Load is open it holds a lock that makes other writers wait;
// while its indexes are being rebuilt (from the first Add on a new store,
// or during Commit), readers wait too. Nothing is visible until Commit,
// and Rollback (or a failed Commit) leaves the store as it was.
//
// The client keeps one small entry per distinct node (its hash and, for a
// new store, its reference count) and, for a new store, the rows of up to
// heldNodes nodes; not the quads. So a Load's memory grows with the number
// of distinct nodes, not with the number of quads.
type Load struct {
	tx *sql.Tx
	// fresh says the tables were empty at the start: rows go straight into
	// them, with the indexes and constraints already dropped.
	fresh bool
	ts    string // the transaction time as Cayley's now() stores it in quads.ts
	// refs counts, per node hash, the directions of the copied quads that
	// reference it (fresh loads only). It doubles as the set of nodes
	// already copied.
	refs map[string]int32
	// staged is the set of node hashes staged (loads into a non-empty
	// store only).
	staged map[string]struct{}
	// dropped holds the indexes and constraints set aside, to be created
	// again at Commit.
	dropped *schemaObjects
	// replace are the hashes of the labels whose stored quads not in
	// the load are removed at Commit; unlabelled, the same for the quads
	// without a label (loads into a non-empty store only).
	replace    [][]byte
	unlabelled bool
	// held are the node rows of a new store not yet written (while
	// spilled is false): they go straight into Cayley's table at Commit.
	held    [][]interface{}
	spilled bool
	copied  int   // quads copied (fresh) or staged (otherwise)
	ord     int64 // the next staged quad's position in input order
	done    bool
}

// rebuildRatio is how many stored quads per new quad still make dropping
// and rebuilding the indexes and foreign keys cheaper than maintaining them
// row by row. Building an index sorts every row of the table, where
// maintaining it costs a random B-tree insert per new row; on the
// benchmarks' hardware one costs about as much as eight or so of the
// other, so a rebuild pays off when at least one row in four is new.
const rebuildRatio = 3

// heldNodes bounds the node rows a Load into a new store holds in memory
// until Commit (a few hundred bytes each); a larger load stages them in a
// temporary table, which costs the server an extra pass over them. A
// variable only so that a test can lower it.
var heldNodes = 500_000

// loadTables are created per Load and dropped at its end.
const loadTables = `
CREATE TEMP TABLE pgbulk_load_nodes (
	hash bytea, value bytea, value_string text, datatype text, language text,
	iri boolean, bnode boolean, value_int bigint, value_bool boolean,
	value_float double precision, value_time timestamp with time zone
) ON COMMIT DROP;
CREATE TEMP TABLE pgbulk_load_quads (
	ord bigint, subject_hash bytea, predicate_hash bytea, object_hash bytea, label_hash bytea
) ON COMMIT DROP;
CREATE TEMP TABLE pgbulk_load_refs (hash bytea, refs int) ON COMMIT DROP;`

// BeginLoad starts a bulk load. It waits for other writers to finish and
// keeps them waiting until Commit or Rollback.
func (w *Writer) BeginLoad(ctx context.Context) (*Load, error) {
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("pgbulk: load: begin: %w", err)
	}
	l := &Load{tx: tx}
	if err := l.begin(ctx); err != nil {
		tx.Rollback()
		return nil, err
	}
	return l, nil
}

func (l *Load) begin(ctx context.Context) error {
	// SHARE ROW EXCLUSIVE conflicts with itself and with the row locks
	// of writes, so writers queue, while readers go on. Dropping an index
	// later upgrades it to ACCESS EXCLUSIVE. Both tables in one statement,
	// always in this order, so two loads cannot deadlock.
	if _, err := l.tx.ExecContext(ctx, `LOCK TABLE nodes, quads IN SHARE ROW EXCLUSIVE MODE`); err != nil {
		return fmt.Errorf("pgbulk: load: lock tables: %w", explain(err))
	}
	if err := l.tx.QueryRowContext(ctx,
		`SELECT NOT EXISTS (SELECT 1 FROM quads) AND NOT EXISTS (SELECT 1 FROM nodes), now()::timestamp::text`).
		Scan(&l.fresh, &l.ts); err != nil {
		return fmt.Errorf("pgbulk: load: look at the tables: %w", err)
	}
	if _, err := l.tx.ExecContext(ctx, loadTables); err != nil {
		return fmt.Errorf("pgbulk: load: create staging tables: %w", err)
	}
	if !l.fresh {
		l.staged = map[string]struct{}{}
		return nil
	}
	l.refs = map[string]int32{}
	objs, err := readSchema(ctx, l.tx, true)
	if err != nil {
		return err
	}
	if err := objs.drop(ctx, l.tx); err != nil {
		return err
	}
	l.dropped = objs
	return nil
}

// Add adds quads to the load. Duplicates, within the batch and across
// batches, and quads already stored are written once.
func (l *Load) Add(ctx context.Context, quads []quad.Quad) error {
	if l.done {
		return errors.New("pgbulk: load: add after commit or rollback")
	}
	st, err := stage(Batch{Quads: quads})
	if err != nil {
		return err
	}
	// stage keeps each node once per batch; keep only the nodes no earlier
	// batch brought.
	nodes := st.nodes[:0]
	for _, row := range st.nodes {
		h := string(row[0].([]byte))
		if l.fresh {
			if _, ok := l.refs[h]; ok {
				continue
			}
			l.refs[h] = 0
		} else {
			if _, ok := l.staged[h]; ok {
				continue
			}
			l.staged[h] = struct{}{}
		}
		nodes = append(nodes, row)
	}
	if l.fresh && !l.spilled {
		// Held until Commit, when their counts are known, so that they
		// go into Cayley's table in one pass; past heldNodes they are
		// staged instead, bounding the client's memory.
		l.held = append(l.held, nodes...)
		if len(l.held) <= heldNodes {
			nodes = nil
		} else {
			nodes, l.held, l.spilled = l.held, nil, true
		}
	}
	if err := copyRows(ctx, l.tx, "pgbulk_load_nodes", nodeColumns, nodes); err != nil {
		return err
	}
	if l.fresh {
		for _, row := range st.quads {
			for _, h := range row[1:] {
				if h != nil {
					l.refs[string(h.([]byte))]++
				}
			}
		}
		// Straight into Cayley's table: the four hashes and the load's
		// time; horizon comes from its sequence, in input order.
		rows := make([][]interface{}, len(st.quads))
		for i, row := range st.quads {
			rows[i] = []interface{}{row[1], row[2], row[3], row[4], l.ts}
		}
		if err := copyRows(ctx, l.tx, "quads",
			[]string{"subject_hash", "predicate_hash", "object_hash", "label_hash", "ts"}, rows); err != nil {
			return err
		}
	} else {
		for _, row := range st.quads {
			row[0] = l.ord
			l.ord++
		}
		if err := copyRows(ctx, l.tx, "pgbulk_load_quads",
			[]string{"ord", "subject_hash", "predicate_hash", "object_hash", "label_hash"}, st.quads); err != nil {
			return err
		}
	}
	l.copied += len(st.quads)
	return nil
}

// Replace makes Commit remove every stored quad that carries one of labels
// (nil stands for the quads without a label) and that the load does not
// add, as Batch.Replace does for Write: with it, a Load can rebuild
// documents. Quads the old and new versions share are not touched. In a
// new store there is nothing to remove.
func (l *Load) Replace(labels []quad.Value) error {
	if l.done {
		return errors.New("pgbulk: load: replace after commit or rollback")
	}
	if l.fresh {
		return nil
	}
	st, err := stage(Batch{Replace: labels})
	if err != nil {
		return err
	}
	l.replace = append(l.replace, st.labels...)
	l.unlabelled = l.unlabelled || st.unlabelled
	return nil
}

// Rollback abandons the load; the store is left as it was.
func (l *Load) Rollback() error {
	if l.done {
		return nil
	}
	l.done = true
	return l.tx.Rollback()
}

// Commit writes what was added and makes it visible; Result.Added counts
// the quads that were not stored before. After a failed Commit the store
// is left as it was.
func (l *Load) Commit(ctx context.Context) (res Result, err error) {
	if l.done {
		return Result{}, errors.New("pgbulk: load: commit after commit or rollback")
	}
	l.done = true
	defer func() {
		if err != nil {
			l.tx.Rollback()
		}
	}()
	if l.fresh {
		res, err = l.commitFresh(ctx)
	} else {
		res, err = l.commitMerge(ctx)
	}
	if err != nil {
		return Result{}, err
	}
	if err := l.tx.Commit(); err != nil {
		return Result{}, fmt.Errorf("pgbulk: load: commit: %w", err)
	}
	return res, nil
}

const (
	// The staged nodes with the reference counts the client counted.
	insertLoadNodes = `INSERT INTO nodes (refs, hash, value, value_string, datatype, language, iri, bnode,
	value_int, value_bool, value_float, value_time)
SELECT r.refs, n.hash, n.value, n.value_string, n.datatype, n.language, n.iri, n.bnode,
	n.value_int, n.value_bool, n.value_float, n.value_time
FROM pgbulk_load_nodes n JOIN pgbulk_load_refs r ON r.hash = n.hash`

	// Repeated quads, all copies but the first. coalesce makes the label
	// comparison one a hash join can do; no hash is empty.
	deleteRepeats = `DELETE FROM %[1]s a USING %[1]s b
WHERE a.subject_hash = b.subject_hash AND a.predicate_hash = b.predicate_hash
AND a.object_hash = b.object_hash AND coalesce(a.label_hash, '') = coalesce(b.label_hash, '')
AND a.%[2]s > b.%[2]s`

	// Every node's references, counted from the quads table.
	recountRefs = `UPDATE nodes SET refs = c.n FROM (
	SELECT h, count(*) AS n FROM (
		SELECT subject_hash AS h FROM quads UNION ALL SELECT predicate_hash FROM quads
		UNION ALL SELECT object_hash FROM quads UNION ALL SELECT label_hash FROM quads WHERE label_hash IS NOT NULL
	) x GROUP BY h) c
WHERE nodes.hash = c.h AND nodes.refs <> c.n`
)

// insertNodes writes a new store's nodes with their reference counts:
// the held ones straight into Cayley's table, the staged ones (a load of
// more than heldNodes nodes) joined with their counts.
func (l *Load) insertNodes(ctx context.Context) error {
	if !l.spilled {
		rows := make([][]interface{}, len(l.held))
		for i, row := range l.held {
			rows[i] = append([]interface{}{int64(l.refs[string(row[0].([]byte))])}, row...)
		}
		l.held = nil
		return copyRows(ctx, l.tx, "nodes", append([]string{"refs"}, nodeColumns...), rows)
	}
	refs := make([][]interface{}, 0, len(l.refs))
	for h, n := range l.refs {
		refs = append(refs, []interface{}{[]byte(h), int64(n)})
	}
	if err := copyRows(ctx, l.tx, "pgbulk_load_refs", []string{"hash", "refs"}, refs); err != nil {
		return err
	}
	if _, err := l.tx.ExecContext(ctx, insertLoadNodes); err != nil {
		return fmt.Errorf("pgbulk: load: insert nodes: %w", err)
	}
	return nil
}

// commitFresh finishes a load into empty tables: the nodes go in with
// their counts, then the indexes and constraints are created again.
func (l *Load) commitFresh(ctx context.Context) (Result, error) {
	if err := l.insertNodes(ctx); err != nil {
		return Result{}, err
	}
	// The unique indexes come first: if one fails, a quad was added in
	// two batches. Then the repeats are deleted, the counts (which
	// counted them) recounted, and the indexes tried again.
	added := l.copied
	if _, err := l.tx.ExecContext(ctx, `SAVEPOINT pgbulk_unique`); err != nil {
		return Result{}, fmt.Errorf("pgbulk: load: %w", err)
	}
	if err := l.dropped.createUnique(ctx, l.tx); err != nil {
		var pe *pq.Error
		if !errors.As(err, &pe) || pe.Code != "23505" { // unique_violation
			return Result{}, err
		}
		if _, err := l.tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT pgbulk_unique`); err != nil {
			return Result{}, fmt.Errorf("pgbulk: load: %w", err)
		}
		r, err := l.tx.ExecContext(ctx, fmt.Sprintf(deleteRepeats, "quads", "horizon"))
		if err != nil {
			return Result{}, fmt.Errorf("pgbulk: load: delete repeated quads: %w", err)
		}
		n, _ := r.RowsAffected()
		added -= int(n)
		if _, err := l.tx.ExecContext(ctx, recountRefs); err != nil {
			return Result{}, fmt.Errorf("pgbulk: load: count references: %w", err)
		}
		if err := l.dropped.createUnique(ctx, l.tx); err != nil {
			return Result{}, err
		}
	}
	if err := l.dropped.createRest(ctx, l.tx); err != nil {
		return Result{}, err
	}
	return Result{Added: added}, nil
}

const (
	// Staged quads already stored, with and without a label, each written
	// so that the planner can use the matching unique index or a hash join.
	deleteStoredLabelled = `DELETE FROM pgbulk_load_quads s USING quads q
WHERE s.label_hash IS NOT NULL AND q.label_hash = s.label_hash AND q.subject_hash = s.subject_hash
AND q.predicate_hash = s.predicate_hash AND q.object_hash = s.object_hash`
	deleteStoredUnlabelled = `DELETE FROM pgbulk_load_quads s USING quads q
WHERE s.label_hash IS NULL AND q.label_hash IS NULL AND q.subject_hash = s.subject_hash
AND q.predicate_hash = s.predicate_hash AND q.object_hash = s.object_hash`

	// The staged nodes the new quads reference, with as many references
	// as they gain; a node already stored gains them.
	mergeNodes = `INSERT INTO nodes (refs, hash, value, value_string, datatype, language, iri, bnode,
	value_int, value_bool, value_float, value_time)
SELECT c.n, s.hash, s.value, s.value_string, s.datatype, s.language, s.iri, s.bnode,
	s.value_int, s.value_bool, s.value_float, s.value_time
FROM pgbulk_load_nodes s JOIN (
	SELECT h, count(*) AS n FROM (
		SELECT subject_hash AS h FROM pgbulk_load_quads UNION ALL SELECT predicate_hash FROM pgbulk_load_quads
		UNION ALL SELECT object_hash FROM pgbulk_load_quads
		UNION ALL SELECT label_hash FROM pgbulk_load_quads WHERE label_hash IS NOT NULL
	) x GROUP BY h) c ON c.h = s.hash
ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`

	mergeQuads = `INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
SELECT subject_hash, predicate_hash, object_hash, label_hash, now()
FROM pgbulk_load_quads ORDER BY ord`
)

// commitMerge finishes a load into tables that held data: the staged quads
// lose those already stored, then go in, with the indexes set aside during
// the insert when the new quads are many.
func (l *Load) commitMerge(ctx context.Context) (Result, error) {
	if l.copied == 0 && len(l.replace) == 0 && !l.unlabelled {
		return Result{}, nil
	}
	// The planner knows nothing of temporary tables until they are
	// analysed, and would guess their size.
	steps := []struct{ what, sql string }{
		{"analyse staging tables", `ANALYZE pgbulk_load_quads, pgbulk_load_nodes`},
		{"delete repeated quads", fmt.Sprintf(deleteRepeats, "pgbulk_load_quads", "ord")},
		{"skip stored quads", deleteStoredLabelled},
		{"skip stored quads", deleteStoredUnlabelled},
	}
	for _, s := range steps[:2] {
		if _, err := l.tx.ExecContext(ctx, s.sql); err != nil {
			return Result{}, fmt.Errorf("pgbulk: load: %s: %w", s.what, err)
		}
	}
	removed, err := l.removeReplaced(ctx)
	if err != nil {
		return Result{}, err
	}
	for _, s := range steps[2:] {
		if _, err := l.tx.ExecContext(ctx, s.sql); err != nil {
			return Result{}, fmt.Errorf("pgbulk: load: %s: %w", s.what, err)
		}
	}
	var n int
	var stored float64
	if err := l.tx.QueryRowContext(ctx,
		`SELECT (SELECT count(*) FROM pgbulk_load_quads), (SELECT reltuples FROM pg_class WHERE oid = 'quads'::regclass)`).
		Scan(&n, &stored); err != nil {
		return Result{}, fmt.Errorf("pgbulk: load: count staged quads: %w", err)
	}
	if n == 0 {
		return Result{Removed: removed}, l.deleteUnreferenced(ctx)
	}
	var objs *schemaObjects
	if float64(n)*rebuildRatio >= stored {
		var err error
		if objs, err = readSchema(ctx, l.tx, false); err != nil {
			return Result{}, err
		}
		if err := objs.drop(ctx, l.tx); err != nil {
			return Result{}, err
		}
	}
	if _, err := l.tx.ExecContext(ctx, mergeNodes); err != nil {
		return Result{}, fmt.Errorf("pgbulk: load: insert nodes: %w", err)
	}
	if _, err := l.tx.ExecContext(ctx, mergeQuads); err != nil {
		return Result{}, fmt.Errorf("pgbulk: load: insert quads: %w", err)
	}
	if err := l.deleteUnreferenced(ctx); err != nil {
		return Result{}, err
	}
	if objs != nil {
		if err := objs.createUnique(ctx, l.tx); err != nil {
			return Result{}, err
		}
		if err := objs.createRest(ctx, l.tx); err != nil {
			return Result{}, err
		}
	}
	return Result{Added: n, Removed: removed}, nil
}

const (
	// The replaced labels' stored quads that the load does not add are
	// deleted, their nodes lose the references, and the nodes are noted
	// for deleteUnreferenced. %s is the condition on q.label_hash; the
	// labels are a parameter so that the planner uses the label index.
	removeReplaced = `WITH d AS (
	DELETE FROM quads q WHERE %s AND NOT EXISTS (
		SELECT 1 FROM pgbulk_load_quads s
		WHERE s.subject_hash = q.subject_hash AND s.predicate_hash = q.predicate_hash
		AND s.object_hash = q.object_hash AND coalesce(s.label_hash, '') = coalesce(q.label_hash, ''))
	RETURNING q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash
), c AS (
	SELECT h, count(*) AS n FROM (
		SELECT subject_hash AS h FROM d UNION ALL SELECT predicate_hash FROM d
		UNION ALL SELECT object_hash FROM d UNION ALL SELECT label_hash FROM d WHERE label_hash IS NOT NULL
	) x GROUP BY h
), u AS (
	UPDATE nodes SET refs = nodes.refs - c.n FROM c WHERE nodes.hash = c.h RETURNING nodes.hash
), g AS (
	INSERT INTO pgbulk_load_refs (hash) SELECT hash FROM u
)
SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM d) x`

	// Nodes left without references, as Cayley's writer deletes them.
	deleteUnreferenced = `DELETE FROM nodes n USING pgbulk_load_refs g WHERE n.hash = g.hash AND n.refs <= 0`
)

// removeReplaced deletes what Replace asked for and returns how many quads
// went.
func (l *Load) removeReplaced(ctx context.Context) (int, error) {
	total := 0
	run := func(cond string, args ...interface{}) error {
		var n int
		if err := l.tx.QueryRowContext(ctx, fmt.Sprintf(removeReplaced, cond), args...).Scan(&n); err != nil {
			return fmt.Errorf("pgbulk: load: delete replaced quads: %w", err)
		}
		total += n
		return nil
	}
	if len(l.replace) > 0 {
		if err := run("q.label_hash = ANY($1::bytea[])", pq.ByteaArray(l.replace)); err != nil {
			return 0, err
		}
	}
	if l.unlabelled {
		if err := run("q.label_hash IS NULL"); err != nil {
			return 0, err
		}
	}
	return total, nil
}

// deleteUnreferenced deletes the nodes removeReplaced left without
// references (those the load's quads reference again gained them back).
func (l *Load) deleteUnreferenced(ctx context.Context) error {
	if len(l.replace) == 0 && !l.unlabelled {
		return nil
	}
	if _, err := l.tx.ExecContext(ctx, deleteUnreferenced); err != nil {
		return fmt.Errorf("pgbulk: load: delete unreferenced nodes: %w", err)
	}
	return nil
}

// schemaObjects are the indexes and constraints of Cayley's tables that a
// load sets aside, with the statements that create each again exactly as
// it was.
type schemaObjects struct {
	// unique are the unique indexes that are not constraints (Cayley's
	// spo_unique and spol_unique): created first, since they are the ones
	// the data can fail.
	unique []schemaObject
	// keys are primary key and unique constraints; indexes the other
	// indexes; foreign are the foreign keys, created last, after the
	// keys they reference.
	keys, indexes, foreign []schemaObject
}

type schemaObject struct {
	drop, create string
}

// readSchema reads the definitions of the indexes and constraints on the
// quads table and, with nodes, on the nodes table too (a load into a
// non-empty store keeps the nodes' primary key, which its insert needs).
// Foreign keys of any table referencing them are included, since they
// depend on the keys.
func readSchema(ctx context.Context, tx *sql.Tx, nodes bool) (*schemaObjects, error) {
	tables := `('quads'::regclass)`
	if nodes {
		tables = `('quads'::regclass, 'nodes'::regclass)`
	}
	objs := &schemaObjects{}
	rows, err := tx.QueryContext(ctx, `
SELECT contype::text, conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid)
FROM pg_constraint
WHERE contype IN ('p', 'u', 'f', 'x') AND (conrelid IN `+tables+` OR (contype = 'f' AND confrelid IN `+tables+`))
ORDER BY conrelid::regclass::text, conname`)
	if err != nil {
		return nil, fmt.Errorf("pgbulk: load: read constraints: %w", err)
	}
	for rows.Next() {
		var typ, table, name, def string
		if err := rows.Scan(&typ, &table, &name, &def); err != nil {
			rows.Close()
			return nil, fmt.Errorf("pgbulk: load: read constraints: %w", err)
		}
		o := schemaObject{
			drop:   fmt.Sprintf(`ALTER TABLE %s DROP CONSTRAINT %s`, table, name),
			create: fmt.Sprintf(`ALTER TABLE %s ADD CONSTRAINT %s %s`, table, name, def),
		}
		if typ == "f" {
			objs.foreign = append(objs.foreign, o)
		} else {
			objs.keys = append(objs.keys, o)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pgbulk: load: read constraints: %w", err)
	}
	rows, err = tx.QueryContext(ctx, `
SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), i.indisunique
FROM pg_index i
WHERE i.indrelid IN `+tables+`
AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("pgbulk: load: read indexes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, def string
		var unique bool
		if err := rows.Scan(&name, &def, &unique); err != nil {
			return nil, fmt.Errorf("pgbulk: load: read indexes: %w", err)
		}
		o := schemaObject{drop: `DROP INDEX ` + name, create: def}
		if unique {
			objs.unique = append(objs.unique, o)
		} else {
			objs.indexes = append(objs.indexes, o)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pgbulk: load: read indexes: %w", err)
	}
	return objs, nil
}

// drop removes the objects, foreign keys first (they depend on the keys).
func (o *schemaObjects) drop(ctx context.Context, tx *sql.Tx) error {
	var stmts []string
	for _, list := range [][]schemaObject{o.foreign, o.keys, o.unique, o.indexes} {
		for _, x := range list {
			stmts = append(stmts, x.drop)
		}
	}
	if len(stmts) == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, strings.Join(stmts, ";\n")); err != nil {
		return fmt.Errorf("pgbulk: load: set indexes aside: %w", err)
	}
	return nil
}

// createUnique creates the unique indexes and the keys again. The error is
// PostgreSQL's own (unwrapped by pq) so that a unique violation can be told
// apart.
func (o *schemaObjects) createUnique(ctx context.Context, tx *sql.Tx) error {
	return exec(ctx, tx, "create unique indexes", o.keys, o.unique)
}

// createRest creates the other indexes and then the foreign keys, which
// check every row as they are added.
func (o *schemaObjects) createRest(ctx context.Context, tx *sql.Tx) error {
	return exec(ctx, tx, "create indexes", o.indexes, o.foreign)
}

func exec(ctx context.Context, tx *sql.Tx, what string, lists ...[]schemaObject) error {
	var stmts []string
	for _, list := range lists {
		for _, x := range list {
			stmts = append(stmts, x.create)
		}
	}
	if len(stmts) == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, strings.Join(stmts, ";\n")); err != nil {
		return fmt.Errorf("pgbulk: load: %s: %w", what, err)
	}
	return nil
}
