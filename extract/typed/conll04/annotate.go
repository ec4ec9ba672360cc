package conll04

import (
	"context"
	"fmt"
	"strings"

	"github.com/kg-project/kg/extract/depparse"
	"github.com/kg-project/kg/extract/document"
	"github.com/kg-project/kg/extract/ner"
	"github.com/kg-project/kg/extract/postag"
)

// Tagger is the part of the POS tagger the evaluation needs
// (*postag.Tagger implements it).
type Tagger interface {
	TagAux(words []string) (upos, xpos, super []string)
	Lemmatize(words, upos, xpos []string) []string
}

// Parser is the part of the dependency parser the evaluation needs
// (*depparse.Parser implements it).
type Parser interface {
	ParseWith(words, upos, xpos, super []string) (heads []int, rels []string)
}

// Recognizer is the part of the named-entity recogniser the evaluation
// needs (*ner.Recognizer implements it).
type Recognizer interface {
	Recognize(words []string) []ner.Entity
}

// NewAnnotator runs a tagger, lemmatiser, parser and recogniser over a
// document's existing tokens — the pipeline's stages 2–4 without its
// segmenter, since CoNLL04 is scored on its own tokens.
func NewAnnotator(tg Tagger, ps Parser, rc Recognizer) Annotator {
	return func(ctx context.Context, doc *document.Document) error {
		for si := range doc.Sentences {
			if err := ctx.Err(); err != nil {
				return err
			}
			s := &doc.Sentences[si]
			words := s.Words()
			upos, xpos, super := tg.TagAux(words)
			lemmas := tg.Lemmatize(words, upos, xpos)
			heads, rels := ps.ParseWith(words, upos, xpos, super)
			for i := range s.Tokens {
				t := &s.Tokens[i]
				t.UPOS, t.XPOS, t.Lemma = upos[i], xpos[i], lemmas[i]
				t.Head, t.DepRel = heads[i], rels[i]
			}
			for _, e := range rc.Recognize(words) {
				sp := document.Span{Start: s.Tokens[e.Start].Start, End: s.Tokens[e.End-1].End}
				doc.Mentions = append(doc.Mentions, document.Mention{
					Span: sp, Sentence: si, Start: e.Start, End: e.End,
					Text: strings.TrimSpace(doc.Text[sp.Start:sp.End]), Type: e.Type,
					Kind: document.Name, Confidence: e.Confidence, Entity: -1,
				})
			}
		}
		return nil
	}
}

// DefaultAnnotator assembles the tagger, parser and recogniser embedded in
// the binary. It fails when a model is missing.
func DefaultAnnotator() (Annotator, error) {
	tg, err := postag.Default()
	if err != nil {
		return nil, fmt.Errorf("tagger: %w", err)
	}
	ps, err := depparse.Default()
	if err != nil {
		return nil, fmt.Errorf("parser: %w", err)
	}
	rc, err := ner.Default()
	if err != nil {
		return nil, fmt.Errorf("recogniser: %w", err)
	}
	return NewAnnotator(tg, ps, rc), nil
}
