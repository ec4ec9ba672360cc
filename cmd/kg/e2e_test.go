package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/graph/server"
)

// runKG runs the kg command tree in-process, exactly as the binary would.
func runKG(t *testing.T, args ...string) (string, error) {
	t.Helper()
	root := newRootCmd()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs(args)
	err := root.ExecuteContext(context.Background())
	if err != nil {
		t.Logf("kg %s: stderr: %s", strings.Join(args, " "), errOut.String())
	}
	return out.String(), err
}

// buildSeed builds the sample article into a fresh bbolt store and returns
// the store spec.
func buildSeed(t *testing.T) string {
	t.Helper()
	spec := "bolt:" + filepath.Join(t.TempDir(), "kg.db")
	if _, err := runKG(t, "build", "--quiet", "--store", spec, filepath.Join("..", "..", "seeds")); err != nil {
		t.Fatalf("kg build: %v", err)
	}
	return spec
}

func openRO(t *testing.T, spec string) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), spec, graph.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func resolve(t *testing.T, s *graph.Store, name string) quad.IRI {
	t.Helper()
	iri, sugg, err := s.Resolve(context.Background(), name)
	if err != nil || iri == "" {
		t.Fatalf("resolving %q: %v (suggestions %v)", name, err, sugg)
	}
	return iri
}

// findFact returns the facts about subject with the given predicate.
func findFacts(t *testing.T, s *graph.Store, subject quad.IRI, predicate string) []graph.FactView {
	t.Helper()
	facts, err := s.FactsAbout(context.Background(), subject)
	if err != nil {
		t.Fatal(err)
	}
	var out []graph.FactView
	for _, f := range facts {
		if f.Predicate != predicate || len(f.Args) == 0 || f.Args[0].IRI != subject {
			continue
		}
		out = append(out, f)
	}
	return out
}

func argNamed(f graph.FactView, role, substr string) bool {
	for _, a := range f.Args {
		if a.Role == role && strings.Contains(strings.ToLower(a.Name), strings.ToLower(substr)) {
			return true
		}
	}
	return false
}

// TestSeedGraph builds the sample article and checks, through the queries
// kg rel uses, the facts a reader takes from it.
func TestSeedGraph(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the seed article with the full models")
	}
	spec := buildSeed(t)
	s := openRO(t, spec)
	ctx := context.Background()

	trump := resolve(t, s, "Trump")
	for _, name := range []string{"Donald Trump", "donald j. trump", "President Trump", "US President Donald Trump"} {
		if got := resolve(t, s, name); got != trump {
			t.Errorf("%q resolves to %s, want the single Trump node %s", name, got, trump)
		}
	}
	putin := resolve(t, s, "Putin")
	zelensky := resolve(t, s, "Zelensky")
	anchorage := resolve(t, s, "Anchorage")
	alaska := resolve(t, s, "Alaska")

	ents, err := s.Entities(ctx, "Person")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		low := strings.ToLower(e.Name)
		if strings.Contains(low, "trump") && e.IRI != trump {
			t.Errorf("second Trump node %s (%s)", e.IRI, e.Name)
		}
		if strings.Contains(low, "participates") {
			t.Errorf("headline words became a person: %q", e.Name)
		}
	}

	// Putin invited Trump, with Moscow as a queryable argument.
	invites := findFacts(t, s, putin, "invite")
	ok := false
	for _, f := range invites {
		if o := f.Arg("object"); o != nil && o.IRI == trump {
			for _, a := range f.Args[1:] {
				if a.Role != "object" && strings.EqualFold(a.Name, "Moscow") {
					ok = true
				}
			}
		}
	}
	if !ok {
		t.Errorf("no fact invite(Putin, Trump, → Moscow); invite facts: %+v", invites)
	}

	// Titles.
	if !hasTitle(t, s, trump, "President") {
		t.Error("Trump has no title President")
	}
	if !hasTitle(t, s, putin, "President") {
		t.Error("Putin has no title President")
	}
	if !hasTitle(t, s, zelensky, "President") {
		t.Error("Zelensky has no title President")
	}

	// Anchorage is in Alaska.
	located := false
	for _, f := range findFacts(t, s, anchorage, "located_in") {
		if a := f.Arg("object"); a != nil && a.IRI == alaska {
			located = true
		}
	}
	if !located {
		t.Error("no fact Anchorage located_in Alaska")
	}

	// The summit took place in Anchorage.
	facts, err := s.FactsAbout(ctx, anchorage)
	if err != nil {
		t.Fatal(err)
	}
	summit := false
	for _, f := range facts {
		if f.Predicate == "location" && argNamed(f, "subject", "summit") || f.Predicate == "location" && argNamed(f, "subject", "meeting") {
			summit = true
		}
	}
	if !summit {
		t.Error("no fact summit location Anchorage")
	}

	// No fact has a pronoun as its subject.
	for _, who := range []quad.IRI{trump, putin, zelensky} {
		fs, _ := s.FactsAbout(ctx, who)
		for _, f := range fs {
			if len(f.Args) > 0 && f.Args[0].IRI == "" {
				switch strings.ToLower(f.Args[0].Name) {
				case "he", "she", "it", "they", "him", "his", "her", "them":
					t.Errorf("fact with pronoun subject: %+v", f)
				}
			}
		}
	}
}

func hasTitle(t *testing.T, s *graph.Store, who quad.IRI, title string) bool {
	for _, f := range findFacts(t, s, who, "title") {
		for _, a := range f.Args[1:] {
			if strings.Contains(a.Name, title) {
				return true
			}
		}
	}
	return false
}

// TestSeedGizmoOverHTTP runs a Gizmo query against kg serve's handler.
func TestSeedGizmoOverHTTP(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the seed article with the full models")
	}
	s := openRO(t, buildSeed(t))
	putin := resolve(t, s, "Putin")
	srv := httptest.NewServer(server.New(s.QuadStore(), server.Options{}))
	defer srv.Close()
	query := fmt.Sprintf(`g.V("%s").In("<kgv:subject>").Has("<kgv:predicate>", "invite").Out("<kgv:destination>").All()`, putin)
	resp, err := http.Post(srv.URL+"/api/v2/query?lang=gizmo", "application/javascript", strings.NewReader(query))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Result []map[string]any `json:"result"`
		Error  string           `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || body.Error != "" {
		t.Fatalf("status %d, error %q", resp.StatusCode, body.Error)
	}
	found := false
	for _, r := range body.Result {
		if fmt.Sprint(r["id"]) == "<kg:moscow>" {
			found = true
		}
	}
	if !found {
		t.Errorf("where did Putin invite Trump? got %v, want <kg:moscow>", body.Result)
	}
}

// TestSeedExportImportRoundTrip exports N-Quads, parses them with
// quad/nquads, imports them into a fresh store and compares quad sets.
func TestSeedExportImportRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the seed article with the full models")
	}
	s := openRO(t, buildSeed(t))
	ctx := context.Background()
	var first bytes.Buffer
	if err := s.Export(ctx, &first, "nquads"); err != nil {
		t.Fatal(err)
	}
	parsed := readQuadSet(t, first.Bytes())
	if len(parsed) == 0 {
		t.Fatal("export is empty")
	}
	fresh, err := graph.Open(ctx, "bolt:"+filepath.Join(t.TempDir(), "copy.db"), graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if _, err := fresh.Import(ctx, bytes.NewReader(first.Bytes()), "export.nq"); err != nil {
		t.Fatal(err)
	}
	var second bytes.Buffer
	if err := fresh.Export(ctx, &second, "nquads"); err != nil {
		t.Fatal(err)
	}
	again := readQuadSet(t, second.Bytes())
	if len(again) != len(parsed) {
		t.Fatalf("round trip changed the quad count: %d → %d", len(parsed), len(again))
	}
	for q := range parsed {
		if _, ok := again[q]; !ok {
			t.Errorf("quad lost in the round trip: %s", q)
		}
	}
}

func readQuadSet(t *testing.T, data []byte) map[string]struct{} {
	t.Helper()
	r := nquads.NewReader(bytes.NewReader(data), false)
	set := make(map[string]struct{})
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			return set
		}
		if err != nil {
			t.Fatalf("export is not valid N-Quads: %v", err)
		}
		set[q.NQuad()] = struct{}{}
	}
}

// TestBuildIdempotentAndRemove: a second build adds nothing; kg rm leaves no
// quad labelled with the document.
func TestBuildIdempotentAndRemove(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the seed article with the full models")
	}
	spec := buildSeed(t)
	count := func() int {
		s := openRO(t, spec)
		st, err := s.Stats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		return int(st.Quads)
	}
	before := count()
	if before == 0 {
		t.Fatal("the seed produced no quads")
	}
	out, err := runKG(t, "build", "--quiet", "--store", spec, filepath.Join("..", "..", "seeds"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "1 unchanged") {
		t.Errorf("second build did not report the document unchanged:\n%s", out)
	}
	if after := count(); after != before {
		t.Fatalf("second build changed the quad count: %d → %d", before, after)
	}
	if _, err := runKG(t, "rm", "--store", spec, "000_87f9c890ea636cff.txt"); err != nil {
		t.Fatalf("kg rm: %v", err)
	}
	var buf bytes.Buffer
	s := openRO(t, spec)
	if err := s.Export(context.Background(), &buf, "nquads"); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "000_87f9c890ea636cff") {
		t.Errorf("quads of the removed document remain:\n%.500s", buf.String())
	}
}
