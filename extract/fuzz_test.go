package extract_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/document"
)

// FuzzExtract runs the whole default pipeline on arbitrary text, as
// `kg extract --format json` does with whatever arrives on stdin (kg build
// cleans its input first, so this is the harsher case). The pipeline must
// never panic, and what it returns must be internally consistent: every
// offset inside the text, every index pointing at an existing sentence,
// token, mention or entity. The seed corpus (below and in
// testdata/fuzz/FuzzExtract) runs on every `go test`; explore with
//
//	go test ./extract -run '^$' -fuzz '^FuzzExtract$' -fuzztime 5m
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Maria Lopez, the chief executive of Acme Corp., visited Madrid on Tuesday. She met Prime Minister Carlos Ruiz.",
		"WASHINGTON, March 3 - The U.S. Treasury said it would sell $9.75 bln of notes, officials said.",
		"“Smart quotes” — and dashes – in 'text'… Mr. O’Brien didn’t go.",
		"He said: \"We will not attend.\" The talks, which began in Geneva, ended on Friday",
		"a\n\n\nb\r\nc\td",
		"...",
		" ",
		"",
		"\x00\x01\x02 binary \xff\xfe garbage \xc3\x28",
		"Ünïcödé naïve café 北京 Москва مرحبا 🙂🙂🙂",
		strings.Repeat("Putin ", 300),
		strings.Repeat("(", 50) + "Trump" + strings.Repeat(")", 50),
		"Dr. Smith Jr. and Mrs. Jones-Smith of the U.N. met at 5 p.m. on Jan. 5, 2024 in St. Louis, Mo.",
		"Trump and Putin and Zelensky and Macron and Merkel and Xi met, they said, and they all left.",
	} {
		f.Add(s)
	}
	pipe, err := extract.NewDefault()
	if err != nil {
		if strings.Contains(err.Error(), "embedded model missing") {
			f.Skipf("FuzzExtract needs the embedded models: %v", err)
		}
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc := &document.Document{ID: "fuzz", Text: text}
		if err := pipe.Process(context.Background(), doc); err != nil {
			return // an error is an acceptable answer; a panic is not
		}
		if err := fuzzCheckDocument(doc); err != nil {
			t.Fatalf("inconsistent extraction of %q: %v", text, err)
		}
	})
}

// fuzzCheckDocument verifies the invariants every consumer of a processed
// document relies on (schema.Mapper indexes with these fields unchecked).
func fuzzCheckDocument(d *document.Document) error {
	n := len(d.Text)
	span := func(what string, s document.Span) error {
		if s.Start < 0 || s.End < s.Start || s.End > n {
			return fmt.Errorf("%s span [%d,%d) outside the text (%d bytes)", what, s.Start, s.End, n)
		}
		return nil
	}
	for i, s := range d.Sentences {
		if err := span(fmt.Sprintf("sentence %d", i), s.Span); err != nil {
			return err
		}
		for j, tok := range s.Tokens {
			what := fmt.Sprintf("sentence %d token %d", i, j)
			if err := span(what, tok.Span); err != nil {
				return err
			}
			if tok.Start < s.Start || tok.End > s.End {
				return fmt.Errorf("%s [%d,%d) outside its sentence [%d,%d)", what, tok.Start, tok.End, s.Start, s.End)
			}
			if tok.Head < -1 || tok.Head >= len(s.Tokens) {
				return fmt.Errorf("%s has head %d, sentence has %d tokens", what, tok.Head, len(s.Tokens))
			}
		}
	}
	ents := len(d.Entities)
	entity := func(what string, e int) error {
		if e < -1 || e >= ents {
			return fmt.Errorf("%s refers to entity %d of %d", what, e, ents)
		}
		return nil
	}
	for i, m := range d.Mentions {
		what := fmt.Sprintf("mention %d %q", i, m.Text)
		if err := span(what, m.Span); err != nil {
			return err
		}
		if m.Sentence < 0 || m.Sentence >= len(d.Sentences) {
			return fmt.Errorf("%s in sentence %d of %d", what, m.Sentence, len(d.Sentences))
		}
		if nt := len(d.Sentences[m.Sentence].Tokens); m.Start < 0 || m.End <= m.Start || m.End > nt {
			return fmt.Errorf("%s covers tokens [%d,%d) of %d", what, m.Start, m.End, nt)
		}
		if err := entity(what, m.Entity); err != nil {
			return err
		}
		for _, g := range m.Group {
			if err := entity(what+" group", g); err != nil {
				return err
			}
		}
	}
	for i, e := range d.Entities {
		for _, m := range e.Mentions {
			if m < 0 || m >= len(d.Mentions) {
				return fmt.Errorf("entity %d %q lists mention %d of %d", i, e.Name, m, len(d.Mentions))
			}
		}
	}
	for i, f := range d.Facts {
		what := fmt.Sprintf("fact %d %s", i, f.Predicate)
		if err := span(what, f.Span); err != nil {
			return err
		}
		if f.Sentence < 0 || f.Sentence >= len(d.Sentences) {
			return fmt.Errorf("%s in sentence %d of %d", what, f.Sentence, len(d.Sentences))
		}
		if len(f.Args) == 0 {
			return fmt.Errorf("%s has no arguments", what)
		}
		if err := entity(what+" speaker", f.AttributedTo); err != nil {
			return err
		}
		for j, a := range f.Args {
			awhat := fmt.Sprintf("%s argument %d (%s %q)", what, j, a.Role, a.Text)
			if err := span(awhat, a.Span); err != nil {
				return err
			}
			if err := entity(awhat, a.Entity); err != nil {
				return err
			}
		}
		if f.Confidence < 0 || f.Confidence > 1 {
			return fmt.Errorf("%s has confidence %v outside [0,1]", what, f.Confidence)
		}
	}
	return nil
}
