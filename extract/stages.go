package extract

import (
	"context"
	"fmt"

	"github.com/kg-project/kg/extract/coref"
	"github.com/kg-project/kg/extract/depparse"
	"github.com/kg-project/kg/extract/document"
	"github.com/kg-project/kg/extract/ner"
	"github.com/kg-project/kg/extract/postag"
	"github.com/kg-project/kg/extract/relations"
	"github.com/kg-project/kg/extract/tokenize"
	"github.com/kg-project/kg/extract/typed"
)

// Version identifies the extractor. It is part of every document's content
// hash, so bumping it makes the next build re-extract documents that an
// older extractor processed. Bump it whenever a model or rule changes what
// comes out.
const Version = "kg-extract-1"

// NewDefault returns the standard pipeline with the embedded models:
// segment → tag → parse → entities → resolve → relations → typed → merge.
func NewDefault() (*Pipeline, error) {
	// All three models at once: the Default calls below then return the
	// loaded models.
	if err := LoadModels(); err != nil {
		return nil, err
	}
	tagger, err := postag.Default()
	if err != nil {
		return nil, fmt.Errorf("tagger: %w", err)
	}
	parser, err := depparse.Default()
	if err != nil {
		return nil, fmt.Errorf("parser: %w", err)
	}
	recognizer, err := ner.Default()
	if err != nil {
		return nil, fmt.Errorf("recogniser: %w", err)
	}
	return &Pipeline{Stages: []Stage{
		StageFunc{"segment", segment},
		&tagStage{tagger},
		&parseStage{parser},
		&entityStage{recognizer},
		StageFunc{"resolve", func(_ context.Context, d *document.Document) error { coref.Resolve(d); return nil }},
		StageFunc{"relations", func(_ context.Context, d *document.Document) error { relations.Extract(d); return nil }},
		StageFunc{"typed", func(_ context.Context, d *document.Document) error { typed.Extract(d); return nil }},
		StageFunc{"merge", mergeFacts},
	}}, nil
}

// StageFunc adapts a function to the Stage interface.
type StageFunc struct {
	StageName string
	Fn        func(context.Context, *document.Document) error
}

// Name implements Stage.
func (s StageFunc) Name() string { return s.StageName }

// Process implements Stage.
func (s StageFunc) Process(ctx context.Context, d *document.Document) error { return s.Fn(ctx, d) }

func segment(_ context.Context, d *document.Document) error {
	d.Sentences = tokenize.Segment(d.Text)
	return nil
}

// tagStage adds UPOS, XPOS and lemmas.
type tagStage struct{ t *postag.Tagger }

func (s *tagStage) Name() string { return "tag" }

func (s *tagStage) Process(ctx context.Context, d *document.Document) error {
	for i := range d.Sentences {
		if i%64 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		sent := &d.Sentences[i]
		words := sent.Words()
		upos, xpos, super := s.t.TagAux(words)
		lemmas := s.t.Lemmatize(words, upos, xpos)
		for j := range sent.Tokens {
			tok := &sent.Tokens[j]
			tok.UPOS, tok.XPOS, tok.Lemma = upos[j], xpos[j], lemmas[j]
			if super != nil {
				tok.Supertag = super[j]
			}
		}
	}
	return nil
}

// parseStage adds dependency heads and relations.
type parseStage struct{ p *depparse.Parser }

func (s *parseStage) Name() string { return "parse" }

func (s *parseStage) Process(ctx context.Context, d *document.Document) error {
	for i := range d.Sentences {
		if i%64 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		sent := &d.Sentences[i]
		n := len(sent.Tokens)
		words, upos, xpos := sent.Words(), make([]string, n), make([]string, n)
		var super []string
		if s.p.Supertagged() {
			super = make([]string, n)
		}
		for j, t := range sent.Tokens {
			upos[j], xpos[j] = t.UPOS, t.XPOS
			if super != nil {
				super[j] = t.Supertag
			}
		}
		heads, rels := s.p.ParseWith(words, upos, xpos, super)
		for j := range sent.Tokens {
			sent.Tokens[j].Head, sent.Tokens[j].DepRel = heads[j], rels[j]
		}
	}
	return nil
}

// entityStage turns recogniser spans into name mentions.
type entityStage struct{ r *ner.Recognizer }

func (s *entityStage) Name() string { return "entities" }

func (s *entityStage) Process(ctx context.Context, d *document.Document) error {
	// The whole document at once: a name the model is unsure of in one
	// sentence is kept when the same document names it confidently elsewhere
	// (the second, bare "Zelensky").
	words := make([][]string, len(d.Sentences))
	for i := range d.Sentences {
		words[i] = d.Sentences[i].Words()
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, ents := range s.r.RecognizeDocument(words) {
		sent := &d.Sentences[i]
		for _, e := range ents {
			if e.Start < 0 || e.End > len(sent.Tokens) || e.Start >= e.End {
				continue
			}
			span := document.Span{Start: sent.Tokens[e.Start].Start, End: sent.Tokens[e.End-1].End}
			d.Mentions = append(d.Mentions, document.Mention{
				Span:       span,
				Sentence:   i,
				Start:      e.Start,
				End:        e.End,
				Text:       d.Text[span.Start:span.End],
				Type:       e.Type,
				Kind:       document.Name,
				Confidence: e.Confidence,
				Entity:     -1,
			})
		}
	}
	return nil
}
