package graph

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"net/url"
	"os"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
	_ "github.com/lib/pq" // the driver Cayley's postgres backend uses
)

// postgresSpec returns a store spec for a fresh, empty PostgreSQL database
// created for this test and dropped afterwards, or skips the test when
// KG_TEST_POSTGRES_URL (a server URL, as .ci/run exports) is unset. A
// database per test keeps packages that test against the same server in
// parallel from seeing each other's quads.
func postgresSpec(t *testing.T) string {
	t.Helper()
	base := os.Getenv("KG_TEST_POSTGRES_URL")
	if base == "" {
		t.Skip("KG_TEST_POSTGRES_URL is not set; skipping the PostgreSQL backend test")
	}
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var b [6]byte
	rand.Read(b[:])
	name := "kg_graph_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("postgres", base)
		if err != nil {
			return
		}
		defer admin.Close()
		admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

func TestPostgresBackend(t *testing.T) {
	spec := postgresSpec(t)
	ctx := context.Background()
	s, err := Open(ctx, spec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, d := range []struct {
		label quad.IRI
		quads []quad.Quad
		hash  string
	}{{doc1, doc1Quads("sha256:1"), "sha256:1"}, {doc2, doc2Quads("sha256:2"), "sha256:2"}} {
		if res, err := s.ReplaceDocument(ctx, d.label, d.hash, d.quads); err != nil || res.Added == 0 {
			t.Fatalf("ReplaceDocument(%s) = %+v, %v", d.label, res, err)
		}
	}
	if res, err := s.ReplaceDocument(ctx, doc1, "sha256:1", doc1Quads("sha256:1")); err != nil || !res.Unchanged {
		t.Fatalf("unchanged re-write = %+v, %v", res, err)
	}
	// A shrinking replacement (the case Cayley's kv backend gets wrong in
	// one call) keeps the new quads here too.
	small := buildDoc(doc1, "news/summit.txt", "Short", "sha256:small", []tEntity{putin}, nil)
	if _, err := s.ReplaceDocument(ctx, doc1, "sha256:small", small); err != nil {
		t.Fatal(err)
	}
	if got := labelled(t, s, doc1); !slices.Equal(got, setOf(small)) {
		t.Fatalf("after shrinking, the document holds %d quads, want %d", len(got), len(setOf(small)))
	}
	facts, err := s.FactsAbout(ctx, zelensky.iri)
	if err != nil || len(facts) != 2 {
		t.Fatalf("FactsAbout(Zelensky) = %d facts, %v", len(facts), err)
	}
	if iri, _, err := s.Resolve(ctx, "zelensky"); err != nil || iri != zelensky.iri {
		t.Fatalf("Resolve = %q, %v", iri, err)
	}
	res, err := s.Query(ctx, "gizmo", `g.V("<kg:volodymyr-zelensky>").Out("<http://schema.org/name>").All()`, 0)
	if err != nil || len(res) != 1 {
		t.Fatalf("gizmo on PostgreSQL = %v, %v", res, err)
	}

	// Round trip through N-Quads into a bbolt store.
	var buf bytes.Buffer
	if err := s.Export(ctx, &buf, "nquads"); err != nil {
		t.Fatal(err)
	}
	b := newBoltStore(t)
	if _, err := b.Import(ctx, &buf, "pg.nq"); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(quadSet(t, b), quadSet(t, s)) {
		t.Fatal("PostgreSQL export imported into bbolt differs")
	}
	if n, err := s.RemoveDocument(ctx, doc2); err != nil || n == 0 {
		t.Fatalf("RemoveDocument = %d, %v", n, err)
	}
	if left := labelled(t, s, doc2); len(left) != 0 {
		t.Fatalf("%d quads of the removed document remain", len(left))
	}
}

// kg import into PostgreSQL goes through one pgbulk Load: the store must
// end up with exactly the imported quads, answer queries, add nothing on a
// second import, and keep the lines before a syntax error (as on bbolt).
func TestPostgresImport(t *testing.T) {
	spec := postgresSpec(t)
	ctx := context.Background()
	src := loaded(t)
	want := quadSet(t, src)
	var buf bytes.Buffer
	if err := src.Export(ctx, &buf, "nquads"); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, spec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	importTwice(t, s, buf.Bytes(), want)
	if iri, _, err := s.Resolve(ctx, "zelensky"); err != nil || iri != zelensky.iri {
		t.Fatalf("Resolve after import = %q, %v", iri, err)
	}
	bad := "<kg:a> <kg:b> <kg:c> .\n<kg:a> <kg:b> ?c .\n"
	_, err = s.Import(ctx, bytes.NewReader([]byte(bad)), "bad.nq")
	var ie *ImportError
	if !errors.As(err, &ie) || ie.Line != 2 {
		t.Fatalf("import of a bad line 2 = %v, want an ImportError on line 2", err)
	}
	if got := quadSet(t, s); len(got) != len(want)+1 {
		t.Fatalf("after the failed import the store holds %d quads, want %d (the good line kept)", len(got), len(want)+1)
	}
}
