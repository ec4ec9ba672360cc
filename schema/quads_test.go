package schema

import (
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/kg-project/kg/extract/document"
)

func sampleDoc() *document.Document {
	text := "Putin invited Trump to Moscow. Putin did not invite Zelensky."
	return &document.Document{
		ID:   "news/a.txt",
		Text: text,
		Sentences: []document.Sentence{
			{Span: document.Span{Start: 0, End: 30}},
			{Span: document.Span{Start: 31, End: len(text)}},
		},
		Entities: []document.Entity{
			{Name: "Vladimir Putin", Type: document.Person, Aliases: []string{"Putin", "Vladimir Putin"}},
			{Name: "Donald Trump", Type: document.Person, Aliases: []string{"Trump"}},
			{Name: "Moscow", Type: document.GPE},
			{Name: "Volodymyr Zelensky", Type: document.Person},
		},
		Facts: []document.Fact{
			{Predicate: "invite", Sentence: 0, Span: document.Span{Start: 0, End: 29}, AttributedTo: -1, Confidence: 0.9,
				Args: []document.Argument{
					{Role: "subject", Text: "Putin", Entity: 0},
					{Role: "object", Text: "Trump", Entity: 1},
					{Role: "destination", Text: "Moscow", Entity: 2},
				}},
			{Predicate: "invite", Sentence: 1, Span: document.Span{Start: 31, End: 60}, Negated: true, AttributedTo: -1, Confidence: 0.8,
				Args: []document.Argument{
					{Role: "subject", Text: "Putin", Entity: 0},
					{Role: "object", Text: "Zelensky", Entity: 3},
				}},
		},
	}
}

func has(qs []quad.Quad, s, p, o quad.Value) bool {
	for _, q := range qs {
		if q.Subject == s && q.Predicate == p && q.Object == o {
			return true
		}
	}
	return false
}

func TestQuadsModel(t *testing.T) {
	doc := sampleDoc()
	m := Mapper{}
	qs := m.Quads(doc, HashContent(doc, "test"))
	putin, trump, moscow, zelensky := quad.IRI("kg:vladimir-putin"), quad.IRI("kg:donald-trump"), quad.IRI("kg:moscow"), quad.IRI("kg:volodymyr-zelensky")
	label := quad.IRI("kg:doc/news/a.txt")
	for _, q := range qs {
		if q.Label != label {
			t.Fatalf("quad %v not labelled with the document", q)
		}
	}
	if !has(qs, putin, RDFType, ClassPerson) || !has(qs, putin, Name, quad.String("Vladimir Putin")) || !has(qs, putin, AlternateName, quad.String("Putin")) {
		t.Error("entity node lacks type, name or alias")
	}
	if has(qs, putin, AlternateName, quad.String("Vladimir Putin")) {
		t.Error("canonical name repeated as an alias")
	}
	if !has(qs, putin, Relation("invite"), trump) {
		t.Error("asserted fact lacks its direct edge")
	}
	if has(qs, putin, Relation("invite"), zelensky) {
		t.Error("negated fact written as a direct edge")
	}
	fact := m.Minter.Fact(doc.ID, &doc.Facts[0])
	if !has(qs, fact, Role("destination"), moscow) || !has(qs, fact, Role("subject"), putin) || !has(qs, fact, Source, label) {
		t.Error("fact node lacks its role edges or provenance")
	}
	if !has(qs, fact, Sentence, quad.String("Putin invited Trump to Moscow.")) {
		t.Error("fact node lacks its sentence")
	}
	// Titled mentions are recorded as aliases.
	doc.Mentions = []document.Mention{{Text: "Putin", Title: "Russian President", Kind: document.Name, Entity: 0}}
	qs = m.Quads(doc, HashContent(doc, "test"))
	if !has(qs, putin, AlternateName, quad.String("Russian President Putin")) {
		t.Error("titled mention not recorded as an alias")
	}
	doc.Mentions = nil
	qs = m.Quads(doc, HashContent(doc, "test"))

	// Deterministic: same input, same quads in the same order.
	again := m.Quads(sampleDoc(), HashContent(doc, "test"))
	if len(again) != len(qs) {
		t.Fatalf("non-deterministic quad count %d vs %d", len(again), len(qs))
	}
	for i := range qs {
		if qs[i] != again[i] {
			t.Fatalf("quad %d differs between runs: %v vs %v", i, qs[i], again[i])
		}
	}
}

func TestSlugAndIRIs(t *testing.T) {
	for in, want := range map[string]string{
		"Donald J. Trump": "donald-j-trump",
		"Ukraine's":       "ukraines",
		"  NATO ":         "nato",
		"São Paulo":       "são-paulo",
		"U.S.":            "u-s",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	m := Minter{Base: "https://example.org/kg/"}
	if got := m.Document("dir/a b>.txt"); got != "https://example.org/kg/doc/dir/a%20b%3E.txt" {
		t.Errorf("Document IRI = %q", got)
	}
	doc := &document.Document{ID: "x.txt"}
	summit := &document.Entity{Name: "the summit", Type: document.Event}
	if got := m.Entity(doc, summit); got != "https://example.org/kg/doc/x.txt#the-summit" {
		t.Errorf("unnamed event IRI = %q, want it scoped by document", got)
	}
	ww2 := &document.Entity{Name: "World War II", Type: document.Event}
	if got := m.Entity(doc, ww2); got != "https://example.org/kg/world-war-ii" {
		t.Errorf("named event IRI = %q", got)
	}
}

// The name index lets a reader find an entity by one exact look-up of the
// folded name, alias or word a user typed.
func TestQuadsNameIndex(t *testing.T) {
	doc := sampleDoc()
	qs := Mapper{}.Quads(doc, HashContent(doc, "test"))
	putin, moscow := quad.IRI("kg:vladimir-putin"), quad.IRI("kg:moscow")
	for _, c := range []struct {
		s    quad.IRI
		p    quad.IRI
		o    string
		want bool
	}{
		{putin, NameKey, "vladimir putin", true},
		{putin, AliasKey, "putin", true},
		{putin, AliasKey, "vladimir putin", false}, // the canonical name is not an alias too
		{putin, NameWord, "vladimir", true},
		{putin, NameWord, "putin", true},
		{moscow, NameKey, "moscow", true},
		{moscow, NameWord, "moscow", false}, // a one-word name is its own key
	} {
		if got := has(qs, c.s, c.p, quad.String(c.o)); got != c.want {
			t.Errorf("quad %s %s %q present = %v, want %v", c.s, c.p, c.o, got, c.want)
		}
	}
	if HashContent(doc, "test") == HashContent(doc, "other") {
		t.Error("content hash ignores the extractor version")
	}
}

func TestNormName(t *testing.T) {
	for in, want := range map[string]string{
		"  Vladimir   PUTIN ": "vladimir putin",
		"Putin’s \"team\"":    "putin's team",
		"U.S.":                "u.s.",
		"":                    "",
	} {
		if got := NormName(in); got != want {
			t.Errorf("NormName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := NameWords("the russian the president"); len(got) != 3 {
		t.Errorf("NameWords kept duplicates: %q", got)
	}
}
