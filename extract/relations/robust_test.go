package relations

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/document"
)

// TestRandomTreesNeverPanic feeds arbitrary trees (cycles, several roots,
// any relation on any tag) to every entry point: parser output is not to
// be trusted, and the tree repairs rewrite heads before anything else
// reads them.
func TestRandomTreesNeverPanic(t *testing.T) {
	rels := []string{"nsubj", "obj", "obl", "nmod", "conj", "cc", "ccomp", "xcomp", "advcl", "acl", "acl:relcl",
		"appos", "compound", "flat", "mark", "case", "det", "amod", "advmod", "aux", "aux:pass", "cop", "punct",
		"parataxis", "nsubj:pass", "obl:agent", "expl", "iobj", "compound:prt", "root", "csubj", "fixed"}
	tags := [][2]string{{"NOUN", "NN"}, {"PROPN", "NNP"}, {"VERB", "VBD"}, {"VERB", "VBG"}, {"VERB", "VBP"},
		{"VERB", "VB"}, {"VERB", "VBN"}, {"ADJ", "JJ"}, {"ADV", "RB"}, {"PRON", "PRP"}, {"DET", "DT"},
		{"ADP", "IN"}, {"CCONJ", "CC"}, {"PUNCT", ","}, {"AUX", "MD"}, {"SCONJ", "IN"}, {"PUNCT", "``"}}
	words := []string{"he", "Putin", "and", "that", "with", "urged", "view", "low", "“", "”", "–", ",", "a",
		"noting", "declined", "@x", "on", "until", "they", "the", "inviting", "reached"}
	r := rand.New(rand.NewSource(7))
	for iter := 0; iter < 20000; iter++ {
		n := 1 + r.Intn(14)
		var b strings.Builder
		s := document.Sentence{}
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			w := words[r.Intn(len(words))]
			start := b.Len()
			b.WriteString(w)
			tg := tags[r.Intn(len(tags))]
			s.Tokens = append(s.Tokens, document.Token{Span: document.Span{Start: start, End: b.Len()}, Text: w,
				UPOS: tg[0], XPOS: tg[1], Lemma: w, Head: r.Intn(n+1) - 1, DepRel: rels[r.Intn(len(rels))]})
		}
		text := b.String()
		s.Span = document.Span{Start: 0, End: len(text)}
		ExtractSentence(s, text)
		Carb(s)
		d := &document.Document{Text: text, Sentences: []document.Sentence{s}}
		d.Entities = []document.Entity{{Name: "A", Type: document.Person}, {Name: "B", Type: document.Person}}
		d.Mentions = []document.Mention{{Sentence: 0, Start: 0, End: 1, Entity: 0},
			{Sentence: 0, Start: n - 1, End: n, Entity: -1, Group: []int{0, 1}}}
		Extract(d)
		for _, f := range d.Facts {
			if f.Start < 0 || f.End > len(text) || f.Start > f.End {
				t.Fatalf("fact span %v outside %q", f.Span, text)
			}
		}
	}
}
