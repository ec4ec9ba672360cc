package pgbulk_test

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/rand"
	"slices"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres" // registers Cayley's postgres backend
	"github.com/cayleygraph/cayley/query"
	_ "github.com/cayleygraph/cayley/query/gizmo"
	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/graph/pgbulk"
	"github.com/kg-project/kg/graph/pgbulk/pgtest"
)

// side is one database under test: Cayley's store (reader, and writer for
// the reference side), a pgbulk writer and a plain connection for
// inspecting the tables.
type side struct {
	url string
	qs  cgraph.QuadStore
	w   *pgbulk.Writer
	db  *sql.DB
}

// newSide creates a fresh database laid out by Cayley's own Init.
func newSide(tb testing.TB) *side {
	tb.Helper()
	url := pgtest.Database(tb)
	if err := cgraph.InitQuadStore("postgres", url, nil); err != nil {
		tb.Fatalf("cayley init: %v", err)
	}
	qs, err := cgraph.NewQuadStore("postgres", url, nil)
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	w, err := pgbulk.Open(ctx, url)
	if err != nil {
		tb.Fatal(err)
	}
	db, err := sql.Open("postgres", url)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		qs.Close()
		w.Close()
		db.Close()
	})
	return &side{url: url, qs: qs, w: w, db: db}
}

// cayleyApply writes deltas the way graph.Store does: one ApplyDeltas call,
// duplicates and missing quads ignored.
func (s *side) cayleyApply(tb testing.TB, deltas []cgraph.Delta) {
	tb.Helper()
	if len(deltas) == 0 {
		return
	}
	if err := s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}); err != nil {
		tb.Fatalf("cayley ApplyDeltas: %v", err)
	}
}

// cayleyReplace replaces the quads old by quads through Cayley's writer, as
// graph.Store.ReplaceDocument does: the difference, additions first, then
// removals. old is what was written, not what Cayley reads back: some
// values do not survive the round trip (times are rounded to microseconds
// and come back in UTC; a string containing the text \x00 comes back with
// a NUL byte), and Cayley finds a quad to delete by the hashes of its
// values, so deleting the read-back version would miss.
func (s *side) cayleyReplace(tb testing.TB, old, quads []quad.Quad) {
	tb.Helper()
	adds, dels := diff(old, quads)
	s.cayleyApply(tb, adds)
	s.cayleyApply(tb, dels)
}

// labelled returns the stored quads labelled label (nil: unlabelled), read
// through Cayley.
func (s *side) labelled(tb testing.TB, label quad.Value) []quad.Quad {
	tb.Helper()
	var out []quad.Quad
	for _, q := range s.allQuads(tb) {
		if quad.StringOf(q.Label) == quad.StringOf(label) {
			out = append(out, q)
		}
	}
	return out
}

func diff(old, new []quad.Quad) (adds, dels []cgraph.Delta) {
	key := func(q quad.Quad) string { return q.NQuad() }
	oldSet, newSet := map[string]bool{}, map[string]bool{}
	for _, q := range old {
		oldSet[key(q)] = true
	}
	for _, q := range new {
		if k := key(q); !newSet[k] {
			newSet[k] = true
			if !oldSet[k] {
				adds = append(adds, cgraph.Delta{Quad: q, Action: cgraph.Add})
			}
		}
	}
	for _, q := range old {
		if k := key(q); !newSet[k] {
			newSet[k] = true
			dels = append(dels, cgraph.Delta{Quad: q, Action: cgraph.Delete})
		}
	}
	return adds, dels
}

// allQuads reads every quad back through Cayley's reader.
func (s *side) allQuads(tb testing.TB) []quad.Quad {
	tb.Helper()
	ctx := context.Background()
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	var out []quad.Quad
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, q)
	}
	if err := it.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// export is the sorted N-Quads of every stored quad, read through Cayley.
func (s *side) export(tb testing.TB) []string {
	tb.Helper()
	var out []string
	for _, q := range s.allQuads(tb) {
		out = append(out, q.NQuad())
	}
	slices.Sort(out)
	return out
}

// rows returns the text of every row of Cayley's tables, sorted, leaving out
// the columns that depend on when and in which order rows were written
// (quads.horizon, quads.ts).
func (s *side) rows(tb testing.TB) (nodes, quads []string) {
	tb.Helper()
	return s.query(tb, `SELECT (hash, refs, value, value_string, datatype, language, iri, bnode,
		value_int, value_bool, value_float, value_time)::text FROM nodes ORDER BY hash`),
		s.query(tb, `SELECT (subject_hash, predicate_hash, object_hash, label_hash)::text AS r FROM quads ORDER BY r`)
}

func (s *side) query(tb testing.TB, q string, args ...interface{}) []string {
	tb.Helper()
	rs, err := s.db.Query(q, args...)
	if err != nil {
		tb.Fatalf("%s: %v", q, err)
	}
	defer rs.Close()
	var out []string
	for rs.Next() {
		var v sql.NullString
		if err := rs.Scan(&v); err != nil {
			tb.Fatal(err)
		}
		out = append(out, v.String)
	}
	if err := rs.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// checkRefs fails tb unless every node's refs equals the number of quad
// directions referencing it, and no quad lacks a timestamp. Cayley deletes
// a node when refs reaches zero, so a wrong count either loses a node still
// in use or keeps a dead one forever.
func (s *side) checkRefs(tb testing.TB) {
	tb.Helper()
	bad := s.query(tb, `SELECT (encode(coalesce(n.hash, r.h), 'hex'), n.refs, r.c)::text FROM nodes n FULL JOIN (
		SELECT h, count(*) AS c FROM (
			SELECT subject_hash AS h FROM quads UNION ALL SELECT predicate_hash FROM quads
			UNION ALL SELECT object_hash FROM quads UNION ALL SELECT label_hash FROM quads WHERE label_hash IS NOT NULL
		) x GROUP BY h) r ON n.hash = r.h
		WHERE n.refs IS DISTINCT FROM r.c`)
	if len(bad) > 0 {
		tb.Errorf("%d nodes with wrong refs (hash, refs, references), e.g. %v", len(bad), bad[:min(5, len(bad))])
	}
	if n := s.query(tb, `SELECT count(*)::text FROM quads WHERE ts IS NULL`); n[0] != "0" {
		tb.Errorf("%s quads without ts", n[0])
	}
}

// gizmo runs a Gizmo query through Cayley and returns its results as sorted
// texts (row order depends on physical order, which may differ).
func (s *side) gizmo(tb testing.TB, q string) []string {
	tb.Helper()
	ctx := context.Background()
	it, err := query.Execute(ctx, s.qs, "gizmo", q, query.Options{Collation: query.JSON})
	if err != nil {
		tb.Fatalf("gizmo %s: %v", q, err)
	}
	defer it.Close()
	var out []string
	for it.Next(ctx) {
		// fmt prints maps with sorted keys and, unlike encoding/json,
		// prints NaN.
		out = append(out, fmt.Sprintf("%v", it.Result()))
	}
	if err := it.Err(); err != nil {
		tb.Fatalf("gizmo %s: %v", q, err)
	}
	slices.Sort(out)
	return out
}

const ex = "http://example.org/"

func entity(i int) quad.IRI    { return quad.IRI(fmt.Sprintf(ex+"e/%d", i)) }
func predicate(i int) quad.IRI { return quad.IRI(fmt.Sprintf(ex+"p/%d", i)) }
func docLabel(i int) quad.IRI  { return quad.IRI(fmt.Sprintf(ex+"doc/%d", i)) }

// literal returns the i-th of a spread of object values covering every
// kind Cayley's SQL backend stores in its own columns: IRIs, blank nodes,
// plain, typed and language strings (with quotes, backslashes, control
// characters, a NUL byte, non-ASCII text), integers, floats (extremes,
// negative zero, NaN and infinities), booleans and times (sub-microsecond,
// non-UTC zones).
func literal(r *rand.Rand, i int) quad.Value {
	zone := time.FixedZone("UTC+5:30", 5*3600+1800)
	switch i % 16 {
	case 0:
		return entity(r.Intn(300))
	case 1:
		return quad.BNode(fmt.Sprintf("b%d", r.Intn(50)))
	case 2:
		return quad.String(fmt.Sprintf("name %d", r.Intn(500)))
	case 3:
		return quad.String([]string{"", "Zelenskyy visited Київ — «ok»", "quote \" backslash \\ tab\tnewline\n", "nul\x00byte", "emoji 🦀", `\x00 looks escaped`}[r.Intn(6)])
	case 4:
		return quad.TypedString{Value: quad.String(fmt.Sprintf("2024-01-%02d", 1+r.Intn(28))), Type: "http://www.w3.org/2001/XMLSchema#date"}
	case 5:
		return quad.TypedString{Value: quad.String(fmt.Sprint(r.Intn(100))), Type: ex + "custom"}
	case 6:
		return quad.LangString{Value: quad.String([]string{"Moskau", "Moscou", "Москва"}[r.Intn(3)]), Lang: []string{"de", "fr", "ru"}[r.Intn(3)]}
	case 7:
		return quad.Int([]int64{0, -1, 42, math.MaxInt64, math.MinInt64, r.Int63()}[r.Intn(6)])
	case 8:
		return quad.Float([]float64{3.14159, -2.5e-300, 1e300, math.SmallestNonzeroFloat64, math.Copysign(0, -1), r.NormFloat64()}[r.Intn(6)])
	case 9:
		return quad.Float([]float64{math.NaN(), math.Inf(1), math.Inf(-1)}[r.Intn(3)])
	case 10:
		return quad.Bool(r.Intn(2) == 0)
	case 11:
		return quad.Time(time.Date(2000+r.Intn(30), time.Month(1+r.Intn(12)), 1+r.Intn(28), r.Intn(24), r.Intn(60), r.Intn(60), r.Intn(1e9), zone))
	case 12:
		return quad.Time(time.Date(2024, 2, 29, 12, 0, 0, 1000*r.Intn(1e6), time.UTC))
	default:
		return entity(r.Intn(300))
	}
}

// genQuads returns n distinct quads spread over labels (nil: unlabelled),
// deterministically from seed.
func genQuads(seed int64, n int, labels []quad.Value) []quad.Quad {
	r := rand.New(rand.NewSource(seed))
	seen := map[string]bool{}
	out := make([]quad.Quad, 0, n)
	for i := 0; len(out) < n; i++ {
		var s quad.Value = entity(r.Intn(300))
		if r.Intn(10) == 0 {
			s = quad.BNode(fmt.Sprintf("b%d", r.Intn(50)))
		}
		q := quad.Quad{Subject: s, Predicate: predicate(r.Intn(12)), Object: literal(r, r.Intn(1000)), Label: labels[r.Intn(len(labels))]}
		if k := q.NQuad(); !seen[k] {
			seen[k] = true
			out = append(out, q)
		}
	}
	return out
}

// byLabel groups quads by label, in first-seen order of labels.
func byLabel(quads []quad.Quad) (labels []quad.Value, groups map[string][]quad.Quad) {
	groups = map[string][]quad.Quad{}
	for _, q := range quads {
		k := quad.StringOf(q.Label)
		if _, ok := groups[k]; !ok {
			labels = append(labels, q.Label)
		}
		groups[k] = append(groups[k], q)
	}
	return labels, groups
}
