package relations

import (
	"fmt"
	"os"
	"testing"

	"github.com/kg-project/kg/extract/coref"
	"github.com/kg-project/kg/extract/document"
	"github.com/kg-project/kg/extract/ner"
	"github.com/kg-project/kg/extract/tokenize"
)

// TestSeedDev prints the facts of $KG_SEED run through the whole pipeline.
func TestSeedDev(t *testing.T) {
	path := os.Getenv("KG_SEED")
	if path == "" {
		t.Skip("set KG_SEED")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tg, p := models(t)
	rec, err := ner.Default()
	if err != nil {
		t.Logf("running without names: %v", err)
		rec = nil
	}
	d := &document.Document{ID: "seed", Text: string(b)}
	d.Sentences = tokenize.Segment(d.Text)
	for si := range d.Sentences {
		s := &d.Sentences[si]
		tagParse(tg, p, s)
		w := s.Words()
		if rec == nil {
			continue
		}
		for _, e := range rec.Recognize(w) {
			span := document.Span{Start: s.Tokens[e.Start].Start, End: s.Tokens[e.End-1].End}
			d.Mentions = append(d.Mentions, document.Mention{Span: span, Sentence: si, Start: e.Start, End: e.End,
				Text: d.Text[span.Start:span.End], Type: e.Type, Kind: document.Name, Confidence: e.Confidence, Entity: -1})
		}
	}
	coref.Resolve(d)
	Extract(d)
	last := -1
	for _, f := range d.Facts {
		if f.Sentence != last {
			fmt.Printf("\n# %s\n", d.SentenceText(f.Sentence))
			last = f.Sentence
		}
		fmt.Printf("  %.2f %s(", f.Confidence, f.Predicate)
		for _, a := range f.Args {
			e := ""
			if a.Entity >= 0 {
				e = "@" + d.Entities[a.Entity].Name
			}
			fmt.Printf(" %s=%q%s", a.Role, a.Text, e)
		}
		fmt.Printf(" )")
		if f.Negated {
			fmt.Printf(" NEG")
		}
		if f.Modality != "" {
			fmt.Printf(" mod=%s", f.Modality)
		}
		if f.AttributedTo >= 0 {
			fmt.Printf(" attr=%s", d.Entities[f.AttributedTo].Name)
		}
		fmt.Println()
	}
}
