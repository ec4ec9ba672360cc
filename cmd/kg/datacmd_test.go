package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/schema"
)

// kgRun runs the command tree in-process with the given standard input and
// returns standard output and standard error.
func kgRun(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	root := newRootCmd()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetIn(strings.NewReader(stdin))
	root.SetArgs(args)
	err = root.ExecuteContext(context.Background())
	return out.String(), errOut.String(), err
}

// smallStore writes a two-document graph shaped like schema.Mapper's output
// (without running the extractor) and returns its spec.
func smallStore(t *testing.T) string {
	t.Helper()
	spec := "bolt:" + filepath.Join(t.TempDir(), "kg.db")
	ctx := context.Background()
	st, err := graph.Open(ctx, spec, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	type ent struct {
		iri   quad.IRI
		class quad.IRI
		name  string
		alias string
	}
	putin := ent{"kg:vladimir-putin", schema.ClassPerson, "Vladimir Putin", "Putin"}
	trump := ent{"kg:donald-trump", schema.ClassPerson, "Donald Trump", "Trump"}
	zelensky := ent{"kg:volodymyr-zelensky", schema.ClassPerson, "Volodymyr Zelensky", "Zelensky"}
	moscow := ent{"kg:moscow", schema.ClassPlace, "Moscow", ""}
	doc := func(label quad.IRI, path string, ents []ent, fact quad.IRI, pred string, subj, obj ent, sentence string) {
		var qs []quad.Quad
		add := func(s, p, o quad.Value) {
			qs = append(qs, quad.Quad{Subject: s, Predicate: p, Object: o, Label: label})
		}
		add(label, schema.RDFType, schema.ClassNewsArticle)
		add(label, schema.Path, quad.String(path))
		add(label, schema.ContentHash, quad.String("sha256:"+path))
		add(label, schema.Headline, quad.String("Headline of "+path))
		for _, e := range ents {
			add(e.iri, schema.RDFType, e.class)
			add(e.iri, schema.Name, quad.String(e.name))
			if e.alias != "" {
				add(e.iri, schema.AlternateName, quad.String(e.alias))
			}
			add(e.iri, schema.MentionedIn, label)
		}
		add(fact, schema.RDFType, schema.ClassFact)
		add(fact, schema.Predicate, quad.String(pred))
		add(fact, schema.Role("subject"), subj.iri)
		add(fact, schema.Role("object"), obj.iri)
		if pred == "invite" {
			add(fact, schema.Role("destination"), moscow.iri)
		}
		add(fact, schema.Sentence, quad.String(sentence))
		add(fact, schema.Start, quad.Int(0))
		add(fact, schema.End, quad.Int(len(sentence)))
		add(fact, schema.Confidence, quad.Float(0.75))
		add(fact, schema.Source, label)
		add(subj.iri, schema.Relation(pred), obj.iri)
		if _, err := st.ReplaceDocument(ctx, label, "", qs); err != nil {
			t.Fatal(err)
		}
	}
	doc("kg:doc/a.txt", "a.txt", []ent{putin, trump, moscow}, "kg:fact/1", "invite", putin, trump,
		"Putin invited Trump to Moscow.")
	doc("kg:doc/b.txt", "b.txt", []ent{zelensky, trump}, "kg:fact/2", "call", zelensky, trump,
		"Zelensky called Trump.")
	return spec
}

func TestRelCommand(t *testing.T) {
	spec := smallStore(t)
	out, _, err := kgRun(t, "", "rel", "--store", spec, "putin")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Vladimir Putin", "invite (1)", "Vladimir Putin invite Donald Trump; destination: Moscow",
		"“Putin invited Trump to Moscow.”", "a.txt — Headline of a.txt", "confidence 0.75"} {
		if !strings.Contains(out, want) {
			t.Errorf("kg rel putin: output lacks %q:\n%s", want, out)
		}
	}

	// Two entities, JSON: the fact in either direction.
	for _, args := range [][]string{{"Trump", "PUTIN"}, {"putin", "donald trump"}} {
		out, _, err = kgRun(t, "", append([]string{"rel", "--store", spec, "--json"}, args...)...)
		if err != nil {
			t.Fatal(err)
		}
		var res struct {
			Facts []graph.FactView `json:"facts"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("kg rel --json is not JSON: %v\n%s", err, out)
		}
		if len(res.Facts) != 1 || res.Facts[0].Predicate != "invite" || res.Facts[0].Sentence == "" {
			t.Errorf("kg rel %v --json facts = %+v", args, res.Facts)
		}
	}

	// No shared fact: paths are searched without being asked.
	out, _, err = kgRun(t, "", "rel", "--store", spec, "Zelensky", "Putin")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "no fact links") || !strings.Contains(out, "Volodymyr Zelensky —call→ Donald Trump ←invite— Vladimir Putin") {
		t.Errorf("kg rel Zelensky Putin:\n%s", out)
	}

	// Unknown names fail with suggestions.
	_, _, err = kgRun(t, "", "rel", "--store", spec, "Zelenskyy")
	if err == nil || !strings.Contains(err.Error(), `no entity named "Zelenskyy"; did you mean: Volodymyr Zelensky`) {
		t.Errorf("unknown name error = %v", err)
	}
}

func TestQueryCommand(t *testing.T) {
	spec := smallStore(t)
	out, _, err := kgRun(t, "", "query", "--store", spec, `g.V().Has("<kgv:predicate>", "invite").Out("<kgv:sentence>").All()`)
	if err != nil {
		t.Fatal(err)
	}
	var res []map[string]interface{}
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res) != 1 || res[0]["id"] != "Putin invited Trump to Moscow." {
		t.Fatalf("kg query output %q (%v)", out, err)
	}
	// From standard input, with a language flag.
	out, _, err = kgRun(t, `[{"id": null, "<http://schema.org/alternateName>": "Trump"}]`, "query", "--store", spec, "--lang", "mql", "-")
	if err != nil || !strings.Contains(out, "kg:donald-trump") {
		t.Fatalf("kg query --lang mql - = %q, %v", out, err)
	}
	_, _, err = kgRun(t, "", "query", "--store", spec, "--timeout", "100ms", `while (true) {}`)
	if err == nil || !strings.Contains(err.Error(), "--timeout") {
		t.Fatalf("runaway query error = %v", err)
	}
}

func TestListingCommands(t *testing.T) {
	spec := smallStore(t)
	t.Setenv(storeEnv, spec) // no --store: the environment picks the store

	out, _, err := kgRun(t, "", "entities", "--type", "person")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(strings.SplitN(out, "\n", 3)[1], "Donald Trump") || strings.Contains(out, "Moscow") || !strings.Contains(out, "3 entities") {
		t.Errorf("kg entities --type person:\n%s", out)
	}
	out, _, err = kgRun(t, "", "docs")
	if err != nil || !strings.Contains(out, "a.txt") || !strings.Contains(out, "b.txt") || !strings.Contains(out, "2 documents") {
		t.Fatalf("kg docs = %q, %v", out, err)
	}
	out, _, err = kgRun(t, "", "stats", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var st graph.Stats
	if err := json.Unmarshal([]byte(out), &st); err != nil || st.Documents != 2 || st.Facts != 2 || st.Entities != 4 {
		t.Fatalf("kg stats --json = %+v, %v", st, err)
	}

	// rm by path: the document's quads go, the other document's stay.
	out, _, err = kgRun(t, "", "rm", "a.txt")
	if err != nil || !strings.Contains(out, "removed <kg:doc/a.txt>") {
		t.Fatalf("kg rm a.txt = %q, %v", out, err)
	}
	out, _, err = kgRun(t, "", "docs", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var docs []graph.DocView
	if err := json.Unmarshal([]byte(out), &docs); err != nil || len(docs) != 1 || docs[0].Path != "b.txt" {
		t.Fatalf("after rm, docs = %+v, %v", docs, err)
	}
	if _, _, err := kgRun(t, "", "rel", "Putin"); err == nil {
		t.Error("Putin, only in the removed document, still resolves")
	}
	if _, _, err := kgRun(t, "", "rm", "nonexistent.txt"); err == nil {
		t.Error("removing an unknown document succeeded")
	}
}

func TestExportImportCommands(t *testing.T) {
	spec := smallStore(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "graph.nq")
	if _, _, err := kgRun(t, "", "export", "--store", spec, "-o", file); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil || !bytes.Contains(data, []byte("<kg:vladimir-putin> <http://schema.org/name> \"Vladimir Putin\" <kg:doc/a.txt> .")) {
		t.Fatalf("export file: %v\n%s", err, data)
	}
	copySpec := "bolt:" + filepath.Join(dir, "copy.db")
	out, _, err := kgRun(t, "", "import", "--store", copySpec, file)
	if err != nil {
		t.Fatal(err)
	}
	n := bytes.Count(data, []byte("\n"))
	if !strings.Contains(out, "imported "+strconv.Itoa(n)+" new quads") {
		t.Errorf("kg import: %q, want %d quads", out, n)
	}
	// Standard input; everything is already there.
	out, _, err = kgRun(t, string(data), "import", "--store", copySpec, "-")
	if err != nil || !strings.Contains(out, "imported 0 new quads from <stdin>") {
		t.Errorf("kg import - = %q, %v", out, err)
	}
	a, _, _ := kgRun(t, "", "export", "--store", spec)
	b, _, _ := kgRun(t, "", "export", "--store", copySpec)
	if sortedLines(a) != sortedLines(b) {
		t.Error("the imported copy exports different quads")
	}
	for _, f := range []string{"jsonld", "json", "graphml", "gml", "dot"} {
		if out, _, err := kgRun(t, "", "export", "--store", spec, "--format", f); err != nil || len(out) == 0 {
			t.Errorf("kg export --format %s: %v", f, err)
		}
	}

	bad := filepath.Join(dir, "bad.nq")
	os.WriteFile(bad, []byte("<a> <b> <c> .\n<a> <b> c .\n"), 0o644)
	_, _, err = kgRun(t, "", "import", "--store", copySpec, bad)
	if err == nil || !strings.Contains(err.Error(), bad+":2:9:") {
		t.Errorf("bad import error = %v, want %s:2:9", err, bad)
	}
}

func sortedLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
