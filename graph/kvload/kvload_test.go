package kvload_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"

	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/graph/kvload"
	"github.com/kg-project/kg/schema"
)

// genQuads makes docs documents of kg-shaped quads over a shared pool of
// entities, plus quads of every value type Cayley stores, unlabelled quads
// and duplicates. docBase offsets document numbers so a second batch adds
// new documents about the same entities.
func genQuads(docs, docBase int, seed int64) []quad.Quad {
	rng := rand.New(rand.NewSource(seed))
	const pool = 400
	classes := []quad.IRI{schema.ClassPerson, schema.ClassOrganization, schema.ClassPlace}
	preds := []string{"say", "meet", "visit", "warn"}
	var qs []quad.Quad
	for d := docBase; d < docBase+docs; d++ {
		label := quad.IRI(fmt.Sprintf("kg:doc/news/%06d.txt", d))
		add := func(s, p, o quad.Value) {
			qs = append(qs, quad.Quad{Subject: s, Predicate: p, Object: o, Label: label})
		}
		add(label, schema.RDFType, schema.ClassNewsArticle)
		add(label, schema.ContentHash, quad.String(fmt.Sprintf("sha256:%x", rng.Int63())))
		ents := make([]quad.IRI, 8)
		for i := range ents {
			e := int(pool * rng.Float64() * rng.Float64())
			ents[i] = quad.IRI(fmt.Sprintf("kg:entity-%d", e))
			add(ents[i], schema.RDFType, classes[e%len(classes)])
			add(ents[i], schema.Name, quad.String(fmt.Sprintf("Entity Number %d", e)))
			add(ents[i], schema.MentionedIn, label)
		}
		for f := 0; f < 6; f++ {
			fact := quad.IRI(fmt.Sprintf("kg:fact/%d-%d", d, f))
			pred := preds[rng.Intn(len(preds))]
			subj, obj := ents[rng.Intn(len(ents))], ents[rng.Intn(len(ents))]
			add(fact, schema.RDFType, schema.ClassFact)
			add(fact, schema.Predicate, quad.String(pred))
			add(fact, schema.Role("subject"), subj)
			add(fact, schema.Role("object"), obj)
			add(fact, schema.SentenceNum, quad.Int(f))
			add(fact, schema.Confidence, quad.Float(float64(rng.Intn(1000))/1000))
			add(fact, schema.Source, label)
			add(subj, schema.Relation(pred), obj)
		}
		// Every other value type, and a repeated quad.
		b := quad.BNode(fmt.Sprintf("b%d", rng.Intn(50)))
		add(b, quad.IRI("kg:p/typed"), quad.TypedString{Value: quad.String(fmt.Sprint(rng.Intn(30))), Type: "kg:type/x"})
		add(b, quad.IRI("kg:p/lang"), quad.LangString{Value: quad.String("bonjour"), Lang: []string{"fr", "en"}[rng.Intn(2)]})
		add(ents[0], quad.IRI("kg:p/bool"), quad.Bool(rng.Intn(2) == 0))
		add(ents[0], quad.IRI("kg:p/time"), quad.Time(time.Date(2020, 1, 1+rng.Intn(20), 0, 0, 0, 0, time.UTC)))
		add(ents[1], quad.IRI("kg:p/int"), quad.Int(rng.Intn(10)-5))
		add(ents[1], quad.IRI("kg:p/float"), quad.Float(rng.Float64()))
		add(label, schema.RDFType, schema.ClassNewsArticle)
		// Unlabelled quads, some repeated across documents.
		qs = append(qs, quad.Quad{Subject: ents[2], Predicate: quad.IRI("kg:p/nolabel"), Object: quad.String(fmt.Sprint(rng.Intn(40)))})
		qs = append(qs, quad.Quad{Subject: b, Predicate: quad.IRI("kg:p/nolabel"), Object: ents[3]})
	}
	rng.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	return qs
}

// newStore creates an empty kg store (with kg's indexes) and returns its
// directory.
func newStore(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "kg.db")
	s, err := graph.Open(context.Background(), "bolt:"+dir, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// cayleyLoad adds qs through Cayley's own writer, in one ApplyDeltas call.
func cayleyLoad(t testing.TB, dir string, qs []quad.Quad) {
	t.Helper()
	s, err := graph.Open(context.Background(), "bolt:"+dir, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	deltas := make([]cgraph.Delta, len(qs))
	for i, q := range qs {
		deltas[i] = cgraph.Delta{Quad: q, Action: cgraph.Add}
	}
	if err := s.QuadStore().ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

func kvLoad(t testing.TB, dir string, qs []quad.Quad) kvload.Result {
	t.Helper()
	db, err := bolt.Open(filepath.Join(dir, "indexes.bolt"), 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := kvload.Load(context.Background(), db, qs)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// rawDump lists every key and value of the bbolt file, with log
// primitives' timestamps zeroed (they record the wall clock).
func rawDump(t testing.TB, dir string) []string {
	t.Helper()
	db, err := bolt.Open(filepath.Join(dir, "indexes.bolt"), 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var out []string
	err = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return b.ForEach(func(k, v []byte) error {
				if string(name) == "log" {
					var p cproto.Primitive
					if err := proto.Unmarshal(v, &p); err != nil {
						return err
					}
					p.Timestamp = 0
					v, _ = proto.Marshal(&p)
				}
				out = append(out, fmt.Sprintf("%q/%x=%x", name, k, v))
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

type view struct {
	export []string
	stats  graph.Stats
	facts  map[quad.IRI]string
	names  map[string]quad.IRI
	gizmo  string
}

// readView reads a store the ways users do.
func readView(t testing.TB, dir string) view {
	t.Helper()
	ctx := context.Background()
	s, err := graph.Open(ctx, "bolt:"+dir, graph.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var v view
	var buf bytes.Buffer
	if err := s.Export(ctx, &buf, "nquads"); err != nil {
		t.Fatal(err)
	}
	v.export = strings.Split(strings.TrimSpace(buf.String()), "\n")
	sort.Strings(v.export)
	if v.stats, err = s.Stats(ctx); err != nil {
		t.Fatal(err)
	}
	v.facts = map[quad.IRI]string{}
	v.names = map[string]quad.IRI{}
	for e := 0; e < 40; e++ {
		iri := quad.IRI(fmt.Sprintf("kg:entity-%d", e))
		fs, err := s.FactsAbout(ctx, iri)
		if err != nil {
			t.Fatal(err)
		}
		v.facts[iri] = fmt.Sprintf("%+v", fs)
		name := fmt.Sprintf("Entity Number %d", e)
		r, _, err := s.Resolve(ctx, name)
		if err == nil {
			v.names[name] = r
		}
	}
	res, err := s.Query(ctx, "gizmo", `g.V("<kg:entity-1>").Out().All()`, 1000)
	if err != nil {
		t.Fatal(err)
	}
	v.gizmo = fmt.Sprint(res)
	return v
}

func compare(t *testing.T, step, a, b string) {
	t.Helper()
	ra, rb := rawDump(t, a), rawDump(t, b)
	if !slices.Equal(ra, rb) {
		n := 0
		for i := 0; i < len(ra) && i < len(rb) && n < 5; i++ {
			if ra[i] != rb[i] {
				t.Errorf("%s: first differences: cayley %s, kvload %s", step, ra[i], rb[i])
				n++
			}
		}
		t.Fatalf("%s: bbolt contents differ (%d vs %d entries)", step, len(ra), len(rb))
	}
	va, vb := readView(t, a), readView(t, b)
	if len(va.export) < 100 {
		t.Fatalf("%s: only %d quads exported", step, len(va.export))
	}
	if !reflect.DeepEqual(va, vb) {
		t.Fatalf("%s: stores read differently:\ncayley stats %+v\nkvload stats %+v", step, va.stats, vb.stats)
	}
}

// TestLoadMatchesCayley is the loader's contract: the same quads written by
// Cayley's writer and by Load give byte-identical stores (timestamps
// aside), which read identically, also after appending quads about known
// nodes and after Cayley deletes a document.
func TestLoadMatchesCayley(t *testing.T) {
	a, b := newStore(t), newStore(t)
	first := genQuads(300, 0, 1)
	first = append(first, first[:50]...) // duplicates inside the batch
	cayleyLoad(t, a, first)
	res := kvLoad(t, b, first)
	if res.Quads == 0 || res.Existing < 50 {
		t.Errorf("first load = %+v; want quads and at least 50 duplicates skipped", res)
	}
	compare(t, "first load", a, b)

	// Second batch: new documents about the same entities, plus quads
	// already stored.
	second := append(genQuads(150, 300, 2), first[100:400]...)
	cayleyLoad(t, a, second)
	res = kvLoad(t, b, second)
	if res.Existing < 300 {
		t.Errorf("second load = %+v; want the 300 stored quads skipped", res)
	}
	compare(t, "second load", a, b)

	// Delete a document through Cayley on both.
	for _, dir := range []string{a, b} {
		s, err := graph.Open(context.Background(), "bolt:"+dir, graph.Options{})
		if err != nil {
			t.Fatal(err)
		}
		n, err := s.RemoveDocument(context.Background(), quad.IRI("kg:doc/news/000007.txt"))
		if err != nil || n == 0 {
			t.Fatalf("remove document: %d, %v", n, err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	compare(t, "after removal", a, b)

	// Cayley keeps writing correctly on top of a loaded store.
	third := genQuads(40, 450, 3)
	cayleyLoad(t, a, third)
	cayleyLoad(t, b, third)
	compare(t, "cayley append", a, b)
}

// TestLoadSplitBatches checks that splitting an input over several
// Load calls gives the same quads as one call.
func TestLoadSplitBatches(t *testing.T) {
	a, b := newStore(t), newStore(t)
	qs := genQuads(200, 0, 4)
	kvLoad(t, a, qs)
	for i := 0; i < len(qs); i += 700 {
		kvLoad(t, b, qs[i:min(i+700, len(qs))])
	}
	va, vb := readView(t, a), readView(t, b)
	if !slices.Equal(va.export, vb.export) || va.stats.Quads != vb.stats.Quads || va.stats.Nodes != vb.stats.Nodes {
		t.Fatalf("split load differs: %d vs %d quads", len(va.export), len(vb.export))
	}
}

func TestLoadRejects(t *testing.T) {
	dir := newStore(t)
	db, err := bolt.Open(filepath.Join(dir, "indexes.bolt"), 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kvload.Load(context.Background(), db, []quad.Quad{{Subject: quad.IRI("a"), Predicate: quad.IRI("b")}}); err == nil {
		t.Error("an incomplete quad was accepted")
	}
	empty, err := bolt.Open(filepath.Join(t.TempDir(), "x.bolt"), 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	if _, err := kvload.Load(context.Background(), empty, genQuads(1, 0, 1)); err == nil {
		t.Error("a file without a Cayley store was written")
	}
	db.Close()
	// Nothing was written by the rejected load.
	if got := rawDump(t, dir); slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, `"log"`) }) {
		t.Error("a rejected load left log entries")
	}
}
