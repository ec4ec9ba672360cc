// Package treetest builds annotated documents from a compact hand-written
// tree format, so that the resolver and the typed-relation rules can be
// tested on exact parses without depending on the tagger, parser and
// recogniser models.
//
// One token per line, whitespace-separated columns:
//
//	FORM LEMMA UPOS XPOS HEAD DEPREL NER
//
// HEAD is 1-based (0 = root) as in CoNLL-U; NER is an IOB2 tag with the
// document entity types ("B-PERSON", "I-GPE", "O"). A blank line ends a
// sentence; lines starting with # are ignored. The document text is the
// tokens joined by single spaces, one sentence per line.
package treetest

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/kg-project/kg/extract/document"
)

// Parse builds a document from the tree format. It returns an error for a
// malformed line so tests can report where the fixture is wrong.
func Parse(src string) (*document.Document, error) {
	doc := &document.Document{ID: "test"}
	var text strings.Builder
	var cur *document.Sentence
	var ner []string
	flush := func() {
		if cur == nil {
			return
		}
		cur.End = text.Len()
		si := len(doc.Sentences)
		doc.Sentences = append(doc.Sentences, *cur)
		addMentions(doc, si, ner)
		text.WriteByte('\n')
		cur, ner = nil, nil
	}
	for ln, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			flush()
			continue
		}
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 7 {
			return nil, fmt.Errorf("line %d: want 7 columns, got %d: %q", ln+1, len(f), line)
		}
		head, err := strconv.Atoi(f[4])
		if err != nil {
			return nil, fmt.Errorf("line %d: head: %w", ln+1, err)
		}
		if cur == nil {
			cur = &document.Sentence{Span: document.Span{Start: text.Len()}}
		} else {
			text.WriteByte(' ')
		}
		start := text.Len()
		text.WriteString(f[0])
		cur.Tokens = append(cur.Tokens, document.Token{
			Span: document.Span{Start: start, End: text.Len()}, Text: f[0], SpaceAfter: true,
			Lemma: f[1], UPOS: f[2], XPOS: f[3], Head: head - 1, DepRel: f[5],
		})
		ner = append(ner, f[6])
	}
	flush()
	doc.Text = text.String()
	for i := range doc.Mentions {
		m := &doc.Mentions[i]
		m.Text = doc.Text[m.Span.Start:m.Span.End]
	}
	return doc, nil
}

// MustParse is Parse for fixtures known to be well-formed.
func MustParse(src string) *document.Document {
	d, err := Parse(src)
	if err != nil {
		panic(err)
	}
	return d
}

func addMentions(doc *document.Document, si int, tags []string) {
	s := doc.Sentences[si]
	start, typ := -1, ""
	emit := func(end int) {
		if start < 0 {
			return
		}
		m := document.Mention{
			Span:     document.Span{Start: s.Tokens[start].Start, End: s.Tokens[end-1].End},
			Sentence: si, Start: start, End: end, Type: document.EntityType(typ),
			Kind: document.Name, Confidence: 0.9, Entity: -1,
		}
		doc.Mentions = append(doc.Mentions, m)
		start = -1
	}
	for i, t := range tags {
		switch {
		case strings.HasPrefix(t, "B-"):
			emit(i)
			start, typ = i, t[2:]
		case strings.HasPrefix(t, "I-") && start >= 0 && t[2:] == typ:
		default:
			emit(i)
		}
	}
	emit(len(tags))
}
