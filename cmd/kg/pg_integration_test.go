package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kg-project/kg/graph/pgbulk/pgtest"
)

// TestPostgresBuildMatchesBolt builds the sample articles into PostgreSQL
// and into bbolt with `kg build` and checks that the commands a user runs
// next answer alike: kg rel, kg query (Gizmo), kg stats and kg export.
// It needs a server (KG_TEST_POSTGRES_URL; .ci/run starts one).
func TestPostgresBuildMatchesBolt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the seed article with the full models")
	}
	pg := pgtest.Database(t)
	bolt := buildSeed(t)
	seeds := filepath.Join("..", "..", "seeds")
	out, err := runKG(t, "build", "--quiet", "--store", pg, seeds)
	if err != nil {
		t.Fatalf("kg build --store postgres: %v", err)
	}
	if !strings.Contains(out, "written") {
		t.Fatalf("kg build printed no summary: %q", out)
	}
	// A second build finds every document unchanged by its stored hash.
	out, err = runKG(t, "build", "--quiet", "--store", pg, seeds)
	if err != nil {
		t.Fatalf("second kg build: %v", err)
	}
	if !strings.Contains(out, " 0 written") {
		t.Errorf("a second build over unchanged input wrote documents: %q", out)
	}

	run := func(args ...string) (boltOut, pgOut string) {
		t.Helper()
		var err error
		if boltOut, err = runKG(t, append(args, "--store", bolt)...); err != nil {
			t.Fatalf("kg %s on bbolt: %v", strings.Join(args, " "), err)
		}
		if pgOut, err = runKG(t, append(args, "--store", pg)...); err != nil {
			t.Fatalf("kg %s on postgres: %v", strings.Join(args, " "), err)
		}
		return boltOut, pgOut
	}

	// kg rel: the facts linking Putin and Trump, as JSON.
	b, p := run("rel", "Putin", "Trump", "--json")
	if b != p {
		t.Errorf("kg rel Putin Trump differs:\nbbolt:    %s\npostgres: %s", b, p)
	}
	var rel struct{ Facts []json.RawMessage }
	if err := json.Unmarshal([]byte(b), &rel); err != nil || len(rel.Facts) == 0 {
		t.Errorf("kg rel Putin Trump --json gave no facts (%v): %s", err, b)
	}

	// kg query: a Gizmo traversal over fact nodes (the rows come back in
	// storage order, which differs between backends, so compare sets).
	b, p = run("query", `g.V().Has("<kgv:predicate>").Out("<kgv:subject>").Out("<http://schema.org/name>").All()`)
	if bs, ps := pgJSONRows(t, b), pgJSONRows(t, p); !slices.Equal(bs, ps) {
		t.Errorf("Gizmo answers differ:\nbbolt:    %v\npostgres: %v", bs, ps)
	} else if len(bs) == 0 {
		t.Error("the Gizmo query found no fact subjects")
	}

	// kg stats: quad, node, document, entity and fact counts.
	b, p = run("stats", "--json")
	if b != p {
		t.Errorf("kg stats differs:\nbbolt:    %s\npostgres: %s", b, p)
	}

	// kg export: the same quads, whatever the order.
	b, p = run("export", "--format", "nquads")
	bl, pl := pgSortedLines(b), pgSortedLines(p)
	if len(bl) == 0 {
		t.Fatal("the bbolt export is empty")
	}
	if !slices.Equal(bl, pl) {
		t.Errorf("exports differ: %d quads from bbolt, %d from postgres; first difference: %s", len(bl), len(pl), pgFirstDifference(bl, pl))
	}
}

// pgJSONRows returns the elements of a JSON array as sorted texts.
func pgJSONRows(t *testing.T, s string) []string {
	t.Helper()
	var rows []json.RawMessage
	if err := json.Unmarshal([]byte(s), &rows); err != nil {
		t.Fatalf("not a JSON array: %v: %s", err, s)
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = string(r)
	}
	slices.Sort(out)
	return out
}

func pgSortedLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}

func pgFirstDifference(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return a[i] + " vs " + b[i]
		}
	}
	if len(a) > len(b) {
		return "missing " + a[len(b)]
	}
	if len(b) > len(a) {
		return "extra " + b[len(a)]
	}
	return ""
}
