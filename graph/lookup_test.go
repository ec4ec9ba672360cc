package graph

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/schema"
)

// withNameIndex adds the name index schema.Mapper writes (schema.NameKey,
// AliasKey, NameWord) to hand-built quads.
func withNameIndex(qs []quad.Quad) []quad.Quad {
	out := append([]quad.Quad(nil), qs...)
	canon := map[quad.Value]string{}
	for _, q := range qs {
		if q.Predicate == schema.Name {
			canon[q.Subject] = schema.NormName(literalText(q.Object))
		}
	}
	for _, q := range qs {
		var key quad.IRI
		switch q.Predicate {
		case schema.Name:
			key = schema.NameKey
		case schema.AlternateName:
			key = schema.AliasKey
		default:
			continue
		}
		norm := schema.NormName(literalText(q.Object))
		if key == schema.NameKey || norm != canon[q.Subject] {
			out = append(out, quad.Quad{Subject: q.Subject, Predicate: key, Object: quad.String(norm), Label: q.Label})
		}
		for _, w := range schema.NameWords(norm) {
			out = append(out, quad.Quad{Subject: q.Subject, Predicate: schema.NameWord, Object: quad.String(w), Label: q.Label})
		}
	}
	return out
}

// fixtureStores returns the fixture in bbolt as the hand-built quads have
// it (no name index: Resolve scans), with the name index, and in memory
// with the name index (the lookups' generic, non-kv path).
func fixtureStores(t *testing.T) map[string]*Store {
	t.Helper()
	ctx := context.Background()
	load := func(s *Store, index bool) *Store {
		for _, d := range []struct {
			label quad.IRI
			quads []quad.Quad
		}{{doc1, doc1Quads("sha256:1")}, {doc2, doc2Quads("sha256:2")}} {
			qs := d.quads
			if index {
				qs = withNameIndex(qs)
			}
			if _, err := s.ReplaceDocument(ctx, d.label, "", qs); err != nil {
				t.Fatalf("ReplaceDocument(%s): %v", d.label, err)
			}
		}
		return s
	}
	mem, err := Open(ctx, "mem:", Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mem.Close() })
	stores := map[string]*Store{
		"bolt-scan":    loaded(t),
		"bolt-indexed": load(newBoltStore(t), true),
		"mem-indexed":  load(mem, true),
	}
	// PostgreSQL too, when a server is given (as .ci/run does).
	if os.Getenv("KG_TEST_POSTGRES_URL") != "" {
		pg, err := Open(ctx, postgresSpec(t), Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { pg.Close() })
		stores["postgres-indexed"] = load(pg, true)
	}
	return stores
}

func TestResolve(t *testing.T) {
	for name, s := range fixtureStores(t) {
		t.Run(name, func(t *testing.T) { testResolve(t, s) })
	}
}

func testResolve(t *testing.T, s *Store) {
	ctx := context.Background()
	cases := []struct {
		name string
		want quad.IRI
	}{
		{"Vladimir Putin", putin.iri},
		{"vladimir putin", putin.iri},
		{"  PUTIN ", putin.iri},               // alias, any case
		{"the russian president", putin.iri},  // multi-word alias
		{"Volodymyr  Zelensky", zelensky.iri}, // runs of spaces
		{"kg:alaska", alaska.iri},             // an IRI as is
		{"<kg:kremlin>", kremlin.iri},         // with brackets
		{"Trump", trump.iri},                  // shared alias: the entity in more facts wins
		{"Melania Trump", melania.iri},        // a canonical name is never overridden
		{"donald trump", trump.iri},
		{"volodymyr", zelensky.iri}, // a word of one entity's name
		{"russian", putin.iri},      // a word of one entity's alias
	}
	for _, c := range cases {
		got, _, err := s.Resolve(ctx, c.name)
		if err != nil {
			t.Errorf("Resolve(%q): %v", c.name, err)
			continue
		}
		if got != c.want {
			t.Errorf("Resolve(%q) = %q, want %q", c.name, got, c.want)
		}
	}
	// An ambiguous alias reports the other candidate.
	_, others, _ := s.Resolve(ctx, "trump")
	if !slices.Contains(others, "Melania Trump") {
		t.Errorf("ambiguous \"trump\" suggestions = %v, want Melania Trump among them", others)
	}

	// Unknown names: no IRI, close matches instead.
	for _, c := range []struct {
		name    string
		suggest string
	}{
		{"Puttin", "Vladimir Putin"}, // typo in an alias
		{"Vladimir Poutin", "Vladimir Putin"},
		{"Zelenskyy", "Volodymyr Zelensky"},
		{"Alask", "Alaska"},          // prefix
		{"kremlin palace", ""},       // nothing close: no suggestion required
		{"Vladim", "Vladimir Putin"}, // a prefix, not a whole word: suggested, not resolved
	} {
		iri, sugg, err := s.Resolve(ctx, c.name)
		if err != nil || iri != "" {
			t.Errorf("Resolve(%q) = %q, %v; want no entity", c.name, iri, err)
			continue
		}
		if c.suggest != "" && (len(sugg) == 0 || sugg[0] != c.suggest) {
			t.Errorf("Resolve(%q) suggestions = %v, want %q first", c.name, sugg, c.suggest)
		}
		if len(sugg) > MaxSuggestions {
			t.Errorf("Resolve(%q) gave %d suggestions", c.name, len(sugg))
		}
	}
	if _, _, err := s.Resolve(ctx, "  "); err == nil {
		t.Error("an empty name resolved without error")
	}
}

func TestFactsAbout(t *testing.T) {
	ctx := context.Background()
	s := loaded(t)
	facts, err := s.FactsAbout(ctx, putin.iri)
	if err != nil {
		t.Fatal(err)
	}
	// invite (object), meet (subject), welcome (speaker only).
	var got []string
	for _, f := range facts {
		got = append(got, f.Predicate)
	}
	if want := []string{"invite", "meet", "welcome"}; !slices.Equal(got, want) {
		t.Fatalf("predicates = %v, want %v", got, want)
	}
	inv := facts[0]
	if inv.IRI != factInvite.iri || inv.Sentence != factInvite.sentence || inv.Doc != doc1 ||
		inv.DocTitle != "Trump and Putin meet in Alaska" || inv.DocPath != "news/summit.txt" ||
		inv.Start != 0 || inv.End != 30 || inv.Confidence != 0.9 {
		t.Errorf("invite fact = %+v", inv)
	}
	wantArgs := []ArgView{
		{Role: "subject", IRI: trump.iri, Name: "Donald Trump"},
		{Role: "object", IRI: putin.iri, Name: "Vladimir Putin"},
		{Role: "destination", IRI: alaska.iri, Name: "Alaska"},
	}
	if !slices.Equal(inv.Args, wantArgs) {
		t.Errorf("invite args = %+v, want %+v", inv.Args, wantArgs)
	}
	meet := facts[1]
	if a := meet.Arg("time"); a == nil || a.IRI != "" || a.Name != "2025-08-15" || a.Datatype != "xsd:date" {
		t.Errorf("literal argument = %+v", a)
	}
	say := facts[2]
	if say.AttributedTo == nil || say.AttributedTo.IRI != putin.iri || say.AttributedTo.Name != "Vladimir Putin" {
		t.Errorf("speaker = %+v", say.AttributedTo)
	}

	// Facts from both documents, negation kept.
	zf, err := s.FactsAbout(ctx, zelensky.iri)
	if err != nil {
		t.Fatal(err)
	}
	if len(zf) != 2 || zf[0].Predicate != "attend" || !zf[0].Negated || zf[1].Predicate != "call" || zf[1].Doc != doc2 {
		t.Errorf("Zelensky facts = %+v", zf)
	}
	if none, err := s.FactsAbout(ctx, "kg:nobody"); err != nil || len(none) != 0 {
		t.Errorf("facts about an unknown node = %v, %v", none, err)
	}
}

func TestFactsBetween(t *testing.T) {
	ctx := context.Background()
	s := loaded(t)
	preds := func(fs []FactView) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Predicate)
		}
		return out
	}
	// Both directions: Trump invites Putin, Putin meets Trump.
	ab, err := s.FactsBetween(ctx, putin.iri, trump.iri)
	if err != nil {
		t.Fatal(err)
	}
	ba, err := s.FactsBetween(ctx, trump.iri, putin.iri)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"invite", "meet", "welcome"} // welcome: Putin speaks, Trump is the object
	if !slices.Equal(preds(ab), want) || !slices.Equal(preds(ba), want) {
		t.Errorf("between Putin and Trump: %v / %v, want %v", preds(ab), preds(ba), want)
	}
	if zt, _ := s.FactsBetween(ctx, zelensky.iri, putin.iri); len(zt) != 0 {
		t.Errorf("Zelensky and Putin share no fact, got %v", preds(zt))
	}
	if za, _ := s.FactsBetween(ctx, alaska.iri, zelensky.iri); !slices.Equal(preds(za), []string{"attend"}) {
		t.Errorf("Alaska–Zelensky = %v", preds(za))
	}
}

func TestPaths(t *testing.T) {
	ctx := context.Background()
	s := loaded(t)
	// Direct edges: trump-invite->putin, putin-meet->trump, zelensky-call->trump.
	// (Negated and attributed facts have no direct edge.)
	paths, err := s.Paths(ctx, zelensky.iri, putin.iri, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 2 {
		t.Fatalf("paths Zelensky→Putin = %v, want 2 two-hop paths", paths)
	}
	for _, p := range paths {
		if len(p) != 2 || p[0].Subject != zelensky.iri || p[0].Predicate != "call" || p[0].ObjectName != "Donald Trump" {
			t.Errorf("path %+v does not start with Zelensky calling Trump", p)
		}
	}
	if got := []string{paths[0][1].Predicate, paths[1][1].Predicate}; !slices.Contains(got, "invite") || !slices.Contains(got, "meet") {
		t.Errorf("second hops = %v, want invite and meet", got)
	}
	if short, _ := s.Paths(ctx, zelensky.iri, putin.iri, 1); len(short) != 0 {
		t.Errorf("one hop is not enough, got %v", short)
	}
	direct, err := s.Paths(ctx, putin.iri, trump.iri, 3)
	if err != nil || len(direct) < 2 || len(direct[0]) != 1 {
		t.Fatalf("Putin→Trump = %v, %v; want the direct edges first", direct, err)
	}
	if none, _ := s.Paths(ctx, alaska.iri, putin.iri, 4); len(none) != 0 {
		t.Errorf("Alaska has no direct edges, got %v", none)
	}
}

func TestEntitiesDocumentsStats(t *testing.T) {
	ctx := context.Background()
	s := loaded(t)
	people, err := s.Entities(ctx, "person")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range people {
		names = append(names, e.Name)
	}
	// Most facts first: Trump (4), Putin (3), Zelensky (2), Melania (0).
	if want := []string{"Donald Trump", "Vladimir Putin", "Volodymyr Zelensky", "Melania Trump"}; !slices.Equal(names, want) {
		t.Fatalf("people = %v, want %v", names, want)
	}
	if tr := people[0]; tr.Facts != 4 || tr.Docs != 2 || !slices.Equal(tr.Aliases, []string{"Trump"}) || !slices.Equal(tr.Types, []string{"schema:Person"}) {
		t.Errorf("Trump = %+v", tr)
	}
	all, err := s.Entities(ctx, "")
	if err != nil || len(all) != 6 {
		t.Fatalf("all entities = %d, %v; want 6", len(all), err)
	}
	if _, err := s.Entities(ctx, "Spaceship"); err == nil || !strings.Contains(err.Error(), "Person") {
		t.Errorf("unknown type error %v should list the known types", err)
	}

	docs, err := s.Documents(ctx)
	if err != nil || len(docs) != 2 {
		t.Fatalf("Documents = %v, %v", docs, err)
	}
	d := docs[1] // sorted by IRI: reaction < summit
	if d.IRI != doc1 || d.Path != "news/summit.txt" || d.Hash != "sha256:1" || d.Facts != 3 || d.Date != "2025-08-15" ||
		d.Quads != int64(len(setOf(doc1Quads("sha256:1")))) {
		t.Errorf("summit document = %+v", d)
	}

	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 2 || st.Entities != 6 || st.Facts != 5 || st.ByType["schema:Person"] != 4 || st.ByType["kgv:Fact"] != 5 {
		t.Errorf("stats = %+v", st)
	}
	if st.Quads != int64(len(quadSet(t, s))) || st.Nodes == 0 {
		t.Errorf("stats count %d quads and %d nodes, store has %d quads", st.Quads, st.Nodes, len(quadSet(t, s)))
	}
}

func TestFindDocument(t *testing.T) {
	ctx := context.Background()
	s := loaded(t)
	for _, ref := range []string{"kg:doc/news/summit.txt", "<kg:doc/news/summit.txt>", "news/summit.txt", "./news/summit.txt", "news//summit.txt"} {
		if got, err := s.FindDocument(ctx, ref); err != nil || got != doc1 {
			t.Errorf("FindDocument(%q) = %q, %v", ref, got, err)
		}
	}
	if _, err := s.FindDocument(ctx, "news/other.txt"); err == nil {
		t.Error("an unknown document was found")
	}
}

// Entity, FactsAbout and FactsBetween read through the indexes; they must
// agree with the listing (one scan of every type) and with each other on
// every backend.
func TestLookupsAgree(t *testing.T) {
	ctx := context.Background()
	var want map[quad.IRI][]string // entity → "pred fact" lines
	for name, s := range fixtureStores(t) {
		t.Run(name, func(t *testing.T) {
			all, err := s.Entities(ctx, "")
			if err != nil || len(all) != 6 {
				t.Fatalf("Entities = %d, %v", len(all), err)
			}
			about := map[quad.IRI][]FactView{}
			for _, ev := range all {
				got, ok, err := s.Entity(ctx, ev.IRI)
				if err != nil || !ok {
					t.Fatalf("Entity(%s) = %v, %v", ev.IRI, ok, err)
				}
				if !slices.Equal(got.Types, ev.Types) || !slices.Equal(got.Aliases, ev.Aliases) ||
					got.Name != ev.Name || got.Facts != ev.Facts || got.Docs != ev.Docs {
					t.Errorf("Entity(%s) = %+v, listing says %+v", ev.IRI, got, ev)
				}
				if about[ev.IRI], err = s.FactsAbout(ctx, ev.IRI); err != nil {
					t.Fatal(err)
				}
				if len(about[ev.IRI]) != ev.Facts {
					t.Errorf("FactsAbout(%s) = %d facts, Entity says %d", ev.IRI, len(about[ev.IRI]), ev.Facts)
				}
			}
			lines := map[quad.IRI][]string{}
			for _, a := range all {
				for _, b := range all {
					between, err := s.FactsBetween(ctx, a.IRI, b.IRI)
					if err != nil {
						t.Fatal(err)
					}
					var exp, got []string
					for _, f := range about[a.IRI] {
						if f.Involves(b.IRI) {
							exp = append(exp, string(f.IRI))
						}
					}
					for _, f := range between {
						got = append(got, string(f.IRI))
						lines[a.IRI] = append(lines[a.IRI], string(b.IRI)+" "+f.Predicate+" "+string(f.IRI))
					}
					if !slices.Equal(got, exp) {
						t.Errorf("FactsBetween(%s, %s) = %v, want %v", a.IRI, b.IRI, got, exp)
					}
					paths, err := s.Paths(ctx, a.IRI, b.IRI, 3)
					if err != nil {
						t.Fatal(err)
					}
					for _, p := range paths {
						l := "path " + string(b.IRI)
						for _, e := range p {
							l += " " + e.SubjectName + " " + e.Predicate + " " + e.ObjectName
						}
						lines[a.IRI] = append(lines[a.IRI], l)
					}
				}
			}
			for k := range lines {
				slices.Sort(lines[k]) // backends may list paths in another order
			}
			if want == nil {
				want = lines
			} else if len(lines) != len(want) {
				t.Errorf("backends disagree: %v vs %v", lines, want)
			} else {
				for k, v := range want {
					if !slices.Equal(lines[k], v) {
						t.Errorf("backends disagree on %s: %v vs %v", k, lines[k], v)
					}
				}
			}
			if _, ok, err := s.Entity(ctx, "kg:nobody"); ok || err != nil {
				t.Errorf("Entity(kg:nobody) = %v, %v", ok, err)
			}
		})
	}
}

// The three-hop search that meets in the middle finds the same paths as
// the general walk, on a synthetic store dense enough to have many.
func TestPathsShortMatchesWalk(t *testing.T) {
	ctx := context.Background()
	s := newBoltStore(t)
	for _, d := range synthCorpus(4, 7) {
		if _, err := s.ReplaceDocument(ctx, d.label, d.hash, d.quads); err != nil {
			t.Fatal(err)
		}
	}
	ents, err := s.Entities(ctx, "")
	if err != nil || len(ents) < 10 {
		t.Fatalf("entities = %d, %v", len(ents), err)
	}
	key := func(ps [][]Edge) []string {
		var out []string
		for _, p := range ps {
			var b strings.Builder
			for _, e := range p {
				b.WriteString(string(e.Subject) + " " + e.Predicate + " " + string(e.Object) + "|")
			}
			out = append(out, b.String())
		}
		slices.Sort(out)
		return out
	}
	compared := 0
	for i := 0; i < len(ents) && compared < 60; i += 3 {
		for j := len(ents) - 1; j > i && compared < 60; j -= 5 {
			for hops := 1; hops <= 3; hops++ {
				a, b := ents[i].IRI, ents[j].IRI
				short, err := s.Paths(ctx, a, b, hops)
				if err != nil {
					t.Fatal(err)
				}
				// Each way of finding the middle edges finds the same.
				for plan := inBothPlan; plan <= sideBPlan; plan++ {
					pf := pathFinder{x: s.newIxReader(ctx), adj: map[interface{}][]refEdge{}, force: plan + 1}
					forced, err := pf.find(a, b, hops, true)
					if err != nil {
						t.Fatal(err)
					}
					if len(forced) < MaxPaths && len(short) < MaxPaths && !slices.Equal(key(forced), key(short)) {
						t.Errorf("paths %s→%s (%d hops): plan %d found %d, chosen plan %d", a, b, hops, plan, len(forced), len(short))
					}
				}
				pf := pathFinder{x: s.newIxReader(ctx), adj: map[interface{}][]refEdge{}}
				walk, err := pf.find(a, b, hops, false)
				if err != nil {
					t.Fatal(err)
				}
				for k := 1; k < len(short); k++ {
					if len(short[k]) < len(short[k-1]) {
						t.Fatalf("paths %s→%s not shortest first", a, b)
					}
				}
				if len(walk) >= MaxPaths || len(short) >= MaxPaths {
					continue // capped: each may keep different paths
				}
				compared++
				if !slices.Equal(key(short), key(walk)) {
					t.Errorf("paths %s→%s (%d hops): meet-in-the-middle found %d, walk %d", a, b, hops, len(short), len(walk))
				}
				for _, p := range short {
					if p[0].Subject != a && p[0].Object != a {
						t.Errorf("path %v does not start at %s", p, a)
					}
				}
			}
		}
	}
	if compared < 20 {
		t.Fatalf("only %d uncapped comparisons", compared)
	}
}

// Entity reads the classes of a much-mentioned entity from index sizes;
// they must stay right when documents retype it or use a class schema
// does not know.
func TestEntityTypesOfHub(t *testing.T) {
	ctx := context.Background()
	s := newBoltStore(t)
	hub := quad.IRI("kg:hub")
	doc := func(i int, class quad.IRI) (quad.IRI, []quad.Quad) {
		label := quad.IRI("kg:doc/d" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune('a'+i/26)))
		return label, []quad.Quad{
			{Subject: hub, Predicate: schema.RDFType, Object: class, Label: label},
			{Subject: hub, Predicate: schema.Name, Object: quad.String("Hub"), Label: label},
			{Subject: hub, Predicate: schema.MentionedIn, Object: label, Label: label},
			{Subject: label, Predicate: schema.RDFType, Object: schema.ClassNewsArticle, Label: label},
		}
	}
	put := func(i int, class quad.IRI) {
		label, qs := doc(i, class)
		if _, err := s.ReplaceDocument(ctx, label, "", qs); err != nil {
			t.Fatal(err)
		}
	}
	const n = probeTypesAbove + 20
	for i := 0; i < n; i++ {
		class := schema.ClassPerson
		if i == 3 {
			class = schema.ClassOrganization
		}
		put(i, class)
	}
	check := func(want ...string) {
		t.Helper()
		ev, ok, err := s.Entity(ctx, hub)
		if err != nil || !ok || !slices.Equal(ev.Types, want) || ev.Docs != n {
			t.Errorf("Entity(hub) = %+v, %v, %v; want types %v in %d docs", ev, ok, err, want, n)
		}
	}
	check("schema:Organization", "schema:Person")
	put(3, schema.ClassPlace) // the organisation quad is now dead
	check("schema:Person", "schema:Place")
	put(5, quad.IRI("http://example.com/Vessel")) // a class schema does not know
	check("http://example.com/Vessel", "schema:Person", "schema:Place")
}

// Replacing a document leaves its dropped quads in bbolt's index lists,
// marked deleted in the log; the lookups that read index keys directly
// must not see them. After doc2 is replaced by a version without the
// Zelensky–Alaska fact and without Melania Trump, and whose call fact
// (same node) now has Alaska, not Trump, as its object, bbolt answers as
// the in-memory store does.
func TestLookupsAfterReplace(t *testing.T) {
	ctx := context.Background()
	call := factCall
	call.args = []tArg{{"subject", zelensky.iri}, {"object", alaska.iri}}
	smaller := buildDoc(doc2, "news/reaction.txt", "Kyiv reacts", "sha256:2b",
		[]tEntity{zelensky, trump, alaska}, []tFact{call})
	mem, err := Open(ctx, "mem:", Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mem.Close() })
	stores := map[string]*Store{"bolt": newBoltStore(t), "mem": mem}
	answers := map[string][]string{}
	for name, s := range stores {
		for _, d := range []struct {
			label quad.IRI
			quads []quad.Quad
		}{{doc1, doc1Quads("sha256:1")}, {doc2, doc2Quads("sha256:2")}, {doc2, smaller}} {
			if _, err := s.ReplaceDocument(ctx, d.label, "", withNameIndex(d.quads)); err != nil {
				t.Fatalf("%s: ReplaceDocument(%s): %v", name, d.label, err)
			}
		}
		var lines []string
		ents := []quad.IRI{putin.iri, trump.iri, melania.iri, zelensky.iri, alaska.iri, kremlin.iri}
		for _, a := range ents {
			ev, ok, err := s.Entity(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, fmt.Sprintf("entity %s %v %s %v facts=%d docs=%d", a, ok, ev.Name, ev.Aliases, ev.Facts, ev.Docs))
			about, err := s.FactsAbout(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range about {
				lines = append(lines, fmt.Sprintf("about %s %s", a, f.IRI))
			}
			for _, b := range ents {
				between, err := s.FactsBetween(ctx, a, b)
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range between {
					lines = append(lines, fmt.Sprintf("between %s %s %s", a, b, f.IRI))
				}
				paths, err := s.Paths(ctx, a, b, 3)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range paths {
					l := fmt.Sprintf("path %s %s", a, b)
					for _, e := range p {
						l += " " + e.SubjectName + " " + e.Predicate + " " + e.ObjectName
					}
					lines = append(lines, l)
				}
			}
		}
		for _, n := range []string{"Trump", "Melania Trump", "Zelensky", "Alaska"} {
			iri, sugg, err := s.Resolve(ctx, n)
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, fmt.Sprintf("resolve %q %s %v", n, iri, sugg))
		}
		slices.Sort(lines)
		answers[name] = lines
		for _, l := range lines {
			if strings.HasPrefix(l, "between "+string(zelensky.iri)+" "+string(alaska.iri)) {
				t.Errorf("%s: a fact of the replaced version survives: %s", name, l)
			}
		}
	}
	if !slices.Equal(answers["bolt"], answers["mem"]) {
		t.Errorf("bolt and mem disagree after a replacement:\nbolt: %q\nmem:  %q", answers["bolt"], answers["mem"])
	}
}
