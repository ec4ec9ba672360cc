package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/carb"
	"github.com/kg-project/kg/extract/depparse"
	"github.com/kg-project/kg/extract/document"
	"github.com/kg-project/kg/extract/postag"
	"github.com/kg-project/kg/extract/relations"
)

// newExtractCmd runs the extractor over text and prints what it finds,
// either as facts per document (json) or in CaRB's tabbed benchmark
// format (carb), one pre-tokenised sentence per input line.
func newExtractCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "extract [FILE|-]",
		Short: "Extract open relations from text (json facts, or CaRB tabbed tuples)",
		Long: `Extract reads FILE (or standard input with "-" or no argument).

--format json   treats the input as one news document, runs the whole
                pipeline and prints its entities and facts as JSON.
--format carb   treats every line as one sentence that is already
                PTB-tokenised (split on spaces, never re-tokenised), tags
                and parses it, and prints CaRB's tabbed format:
                sentence TAB confidence TAB relation TAB arg1 TAB arg2 [TAB argN...]`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in, closeIn, err := openInput(args)
			if err != nil {
				return err
			}
			defer closeIn()
			out := bufio.NewWriter(cmd.OutOrStdout())
			defer out.Flush()
			switch format {
			case "carb":
				p, err := newTokParser()
				if err != nil {
					return err
				}
				return writeCarb(cmd.Context(), in, out, p)
			case "json":
				return writeJSONFacts(cmd.Context(), in, out, inputName(args))
			default:
				return fmt.Errorf("extract: unknown --format %q (want carb or json)", format)
			}
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "output format: json or carb")
	return cmd
}

func inputName(args []string) string {
	if len(args) == 0 || args[0] == "-" {
		return "stdin"
	}
	return args[0]
}

func openInput(args []string) (io.Reader, func(), error) {
	if len(args) == 0 || args[0] == "-" {
		return os.Stdin, func() {}, nil
	}
	f, err := os.Open(args[0])
	if err != nil {
		return nil, nil, fmt.Errorf("extract: %w", err)
	}
	return f, func() { f.Close() }, nil
}

// tokParser tags and parses sentences whose tokenisation is given, which
// is what benchmarks with fixed tokens (CaRB) need. Named-entity
// recognition is not run: CaRB tuples are plain text spans and the
// renderer does not use entities.
type tokParser struct {
	tagger *postag.Tagger
	parser *depparse.Parser
}

func newTokParser() (*tokParser, error) {
	t, err := postag.Default()
	if err != nil {
		return nil, fmt.Errorf("tagger: %w", err)
	}
	p, err := depparse.Default()
	if err != nil {
		return nil, fmt.Errorf("parser: %w", err)
	}
	return &tokParser{tagger: t, parser: p}, nil
}

// sentence builds a parsed sentence from words; the text it indexes is
// the words joined by single spaces.
func (p *tokParser) sentence(words []string) (document.Sentence, string) {
	var b strings.Builder
	s := document.Sentence{Tokens: make([]document.Token, len(words))}
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		start := b.Len()
		b.WriteString(w)
		s.Tokens[i] = document.Token{Span: document.Span{Start: start, End: b.Len()}, Text: w, SpaceAfter: i < len(words)-1, Head: -1}
	}
	s.Span = document.Span{Start: 0, End: b.Len()}
	if len(words) == 0 {
		return s, ""
	}
	ws := s.Words()
	upos, xpos := p.tagger.Tag(ws)
	lemmas := p.tagger.Lemmatize(ws, upos, xpos)
	heads, rels := p.parser.Parse(ws, upos, xpos)
	for i := range s.Tokens {
		t := &s.Tokens[i]
		t.UPOS, t.XPOS, t.Lemma, t.Head, t.DepRel = upos[i], xpos[i], lemmas[i], heads[i], rels[i]
	}
	return s, b.String()
}

// carbExtract returns our CaRB-style extractions for one tokenised line.
func (p *tokParser) carbExtract(line string) []carb.Extraction {
	words := strings.Fields(line)
	if len(words) == 0 {
		return nil
	}
	s, _ := p.sentence(words)
	return relations.Carb(s)
}

func writeCarb(ctx context.Context, in io.Reader, w io.Writer, p *tokParser) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	n := 0
	for sc.Scan() {
		n++
		if err := ctx.Err(); err != nil {
			return err
		}
		line := strings.TrimSpace(sc.Text())
		for _, e := range p.carbExtract(line) {
			if err := carb.WriteTabbed(w, line, e); err != nil {
				return fmt.Errorf("extract: write: %w", err)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("extract: line %d: %w", n, err)
	}
	return nil
}

func writeJSONFacts(ctx context.Context, in io.Reader, w io.Writer, id string) error {
	b, err := io.ReadAll(in)
	if err != nil {
		return fmt.Errorf("extract: read: %w", err)
	}
	pipe, err := extract.NewDefault()
	if err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	doc := &document.Document{ID: id, Text: string(b)}
	if err := pipe.Process(ctx, doc); err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		ID       string              `json:"id"`
		Entities []document.Entity   `json:"entities"`
		Facts    []document.Fact     `json:"facts"`
		Mentions []document.Mention  `json:"mentions,omitempty"`
		Sents    []document.Sentence `json:"-"`
	}{ID: doc.ID, Entities: doc.Entities, Facts: doc.Facts})
}
