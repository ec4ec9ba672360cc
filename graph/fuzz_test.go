package graph

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/schema"
)

// The fuzz targets below run their seed corpus (the f.Add calls plus
// testdata/fuzz/<Name>/) as ordinary tests on every `go test`, so a crasher
// once found and committed there is replayed by CI forever. Explore with:
//
//	go test ./graph -run '^$' -fuzz '^FuzzImport$' -fuzztime 5m

// FuzzImport feeds arbitrary bytes to Store.Import, the code behind
// `kg import`, which reads files users hand it. It must never panic: every
// input is either imported or rejected with an error. A successful import
// must also round-trip: exporting the store as N-Quads and importing that
// into a fresh store gives back exactly the same quads, so `kg export` never
// writes something `kg import` cannot read.
func FuzzImport(f *testing.F) {
	for _, s := range []string{
		"<a> <b> <c> .\n",
		"<a> <b> <c> <g> .\n<a> <b> \"lit\"@en .\n",
		"_:x <b> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n",
		"<a> <b> \"tab\\tnew\\nline \\u00e9 \\U0001F600\" .\n",
		"# comment\n\n  <a> <b> <c> . # trailing\r\n",
		"<a> <b> \"bad \\uZZZZ\" .\n",
		"<a> <b> c .\n",
		"\"lit\" <b> <c> .\n",
		"<a> <b> <c>\n",
		"<a> <b> \"unterminated .\n",
		"<a> <b> <c> <d> <e> .\n",
		"<> <> <> .\n",
		"<a> <b> \"x\"^^<> .\n",
		"<a> <b> \"\xff\xfe\" .\n",
		"<kg:doc/x> <kgv:contentHash> \"sha256:00\" <kg:doc/x> .\n",
	} {
		f.Add([]byte(s))
	}
	var doc bytes.Buffer
	for _, q := range doc1Quads("sha256:1") {
		doc.WriteString(q.NQuad())
		doc.WriteByte('\n')
	}
	f.Add(doc.Bytes())

	f.Fuzz(func(t *testing.T, data []byte) {
		ctx := context.Background()
		s := fuzzOpenMem(t)
		added, err := s.Import(ctx, bytes.NewReader(data), "fuzz.nq")
		if err != nil {
			var ie *ImportError
			if errors.As(err, &ie) && (ie.Line < 1 || ie.Column < 1 || ie.Name != "fuzz.nq") {
				t.Fatalf("import error %q has no usable position (%s:%d:%d)", err, ie.Name, ie.Line, ie.Column)
			}
			return
		}
		err = s.eachQuad(ctx, func(q quad.Quad) error {
			if !fuzzWellTyped(q) {
				t.Errorf("import accepted an ill-formed quad: subject %T, predicate %T, label %T: %s", q.Subject, q.Predicate, q.Label, q.NQuad())
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		got := quadSet(t, s)
		if added != len(got) {
			t.Errorf("Import reported %d quads added, the store holds %d", added, len(got))
		}
		var out bytes.Buffer
		if err := s.Export(ctx, &out, "nquads"); err != nil {
			t.Fatalf("Export after a successful import: %v", err)
		}
		s2 := fuzzOpenMem(t)
		if _, err := s2.Import(ctx, bytes.NewReader(out.Bytes()), "export.nq"); err != nil {
			t.Fatalf("re-importing our own export failed: %v\ninput:\n%q\nexport:\n%s", err, data, out.Bytes())
		}
		if again := quadSet(t, s2); !slices.Equal(got, again) {
			t.Fatalf("export/import round trip changed the quads:\nbefore %q\nafter  %q", got, again)
		}
	})
}

// FuzzResolve checks the name resolution behind `kg rel NAME ...` with
// arbitrary names typed by a user, against a small store that also holds an
// entity whose name is itself fuzzed (names come from arbitrary articles).
// It must never panic, and must keep its contract: an error only for a blank
// name, a resolved IRI always names a typed node, at most MaxSuggestions
// suggestions, and an entity's own name always resolves to an entity bearing
// that name.
func FuzzResolve(f *testing.F) {
	for _, s := range [][2]string{
		{"Putin", "Jean-Claude Juncker"},
		{"putin", "O'Brien"},
		{"trump", "Trump"},
		{"<kg:vladimir-putin>", "kg:alaska"},
		{"kg:nothing", "  "},
		{"Vladimr Putin", "Владимир Путин"},
		{"\"Trump\"", "\xff\xfe"},
		{"Al", "A"},
		{"", "\u00a0"},
		{"the Russian President", "x:y"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, query, name string) {
		ctx := context.Background()
		s := fuzzOpenMem(t)
		for _, d := range []struct {
			label quad.IRI
			quads []quad.Quad
		}{{doc1, doc1Quads("sha256:1")}, {doc2, doc2Quads("sha256:2")}} {
			if _, err := s.ReplaceDocument(ctx, d.label, "", d.quads); err != nil {
				t.Fatal(err)
			}
		}
		const fuzzIRI = quad.IRI("kg:fuzzed-entity")
		const fuzzDoc = quad.IRI("kg:doc/fuzz")
		extra := []quad.Quad{
			{Subject: fuzzIRI, Predicate: schema.RDFType, Object: schema.ClassPerson, Label: fuzzDoc},
			{Subject: fuzzIRI, Predicate: schema.Name, Object: quad.String(name), Label: fuzzDoc},
		}
		if _, err := s.ReplaceDocument(ctx, fuzzDoc, "", extra); err != nil {
			t.Fatal(err)
		}

		for _, q := range []string{query, name} {
			iri, sugg, err := s.Resolve(ctx, q)
			if strings.TrimSpace(q) == "" {
				if err == nil {
					t.Errorf("Resolve(%q): no error for a blank name", q)
				}
				continue
			}
			if err != nil {
				t.Errorf("Resolve(%q): %v", q, err)
				continue
			}
			if len(sugg) > MaxSuggestions {
				t.Errorf("Resolve(%q): %d suggestions, want at most %d", q, len(sugg), MaxSuggestions)
			}
			if iri != "" {
				types, err := s.newReader(ctx).values(iri, schema.RDFType)
				if err != nil || len(types) == 0 {
					t.Errorf("Resolve(%q) = %s, which has no type (%v)", q, iri, err)
				}
			}
		}
		// The fuzzed entity's own name must find an entity called that.
		if strings.TrimSpace(name) == "" || !utf8.ValidString(name) {
			return
		}
		iri, _, err := s.Resolve(ctx, name)
		if err != nil {
			t.Fatalf("Resolve(own name %q): %v", name, err)
		}
		if iri == "" {
			t.Fatalf("Resolve(own name %q) found nothing", name)
		}
		if iri == fuzzIRI {
			return
		}
		// Another entity may share the name (or the name may be an IRI of
		// a typed node); then that entity must really carry it.
		if bare := strings.Trim(strings.TrimSpace(name), "<>"); quad.IRI(bare) == iri {
			return
		}
		names, err := s.newReader(ctx).values(iri, schema.Name)
		if err != nil {
			t.Fatal(err)
		}
		aliases, err := s.newReader(ctx).values(iri, schema.AlternateName)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range append(names, aliases...) {
			if normName(literalText(v)) == normName(name) {
				return
			}
		}
		t.Fatalf("Resolve(own name %q) = %s, which bears no such name (names %v, aliases %v)", name, iri, names, aliases)
	})
}

// fuzzWellTyped reports whether q has the term kinds RDF allows: an IRI or
// blank node as subject and label (or no label), an IRI as predicate.
func fuzzWellTyped(q quad.Quad) bool {
	node := func(v quad.Value) bool {
		switch v.(type) {
		case quad.IRI, quad.BNode:
			return true
		}
		return false
	}
	_, predIRI := q.Predicate.(quad.IRI)
	return node(q.Subject) && predIRI && (q.Label == nil || node(q.Label))
}

// fuzzOpenMem opens an in-memory store: fuzzing runs thousands of inputs
// a second, far too many for a bbolt file each.
func fuzzOpenMem(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), "mem:", Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
