package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/carb"
	"github.com/kg-project/kg/extract/depparse"
	"github.com/kg-project/kg/extract/document"
	"github.com/kg-project/kg/extract/postag"
	"github.com/kg-project/kg/extract/relations"
	"github.com/kg-project/kg/schema"
)

// newExtractCmd runs the extractor over text and prints what it finds,
// either as facts per document (json), in CaRB's tabbed benchmark format
// (carb), or as the exact N-Quads kg build would write (nquads), which is
// what lets extraction be sharded across machines and the shards loaded
// with kg import.
func newExtractCmd() *cobra.Command {
	var (
		format string
		nq     nquadsOptions
	)
	cmd := &cobra.Command{
		Use:   "extract [FILE...|-]",
		Short: "Extract without a store: json facts, CaRB tabbed tuples, or the N-Quads kg build would write",
		Long: `Extract reads FILES (or standard input with "-" or no argument).

--format json    reads FILES like kg build (.txt, .md, .html, .jsonl,
                 directories, "-"; wrapped wire copy re-joined, titles and
                 dates taken from headers and JSONL fields), runs the whole
                 pipeline and prints each document's entities and facts as
                 a JSON object, in input order: one object for one file,
                 a stream of objects for several (read them with jq or a
                 streaming JSON decoder).
--format carb    treats every line as one sentence that is already
                 PTB-tokenised (split on spaces, never re-tokenised), tags
                 and parses it, and prints CaRB's tabbed format:
                 sentence TAB confidence TAB relation TAB arg1 TAB arg2 [TAB argN...]
--format nquads  reads FILES like kg build (.txt, .md, .html, .jsonl,
                 directories, "-") and writes exactly the quads kg build
                 would write for them, each labelled with its document, to
                 standard output or --output. Loading the result with
                 kg import gives the same graph as kg build, so extraction
                 can be split across machines and the shards imported into
                 one store (see docs/scale.md). Document IDs are the paths
                 as given (plus "#id" for JSONL lines), as in kg build.`,
		Example: `  kg extract seeds/000_87f9c890ea636cff.txt
  kg extract --format carb sentences.txt
  kg extract shard-01.jsonl --format nquads -o shard-01.nq
  kg import shard-01.nq --store postgres://kg@db/kg?sslmode=disable`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format == "nquads" || format == "nq" {
				if len(args) == 0 {
					args = []string{"-"}
				}
				return runExtractNQuads(cmd.Context(), cmd, args, nq)
			}
			if format == "json" {
				if len(args) == 0 {
					args = []string{"-"}
				}
				return runExtractJSON(cmd.Context(), cmd, args)
			}
			if len(args) > 1 {
				return fmt.Errorf("extract: --format %s reads one input, got %d (--format json and nquads take several)", format, len(args))
			}
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
			default:
				return fmt.Errorf("extract: unknown --format %q (want json, carb or nquads)", format)
			}
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "output format: json, carb or nquads")
	cmd.Flags().StringVarP(&nq.output, "output", "o", "", "nquads: write to this file (renamed into place when complete) instead of standard output")
	cmd.Flags().StringVar(&nq.base, "base", schema.DefaultBase, "nquads: IRI prefix for entities, facts and documents (use the same as kg build)")
	cmd.Flags().Float64Var(&nq.minConfidence, "min-confidence", 0, "nquads: drop facts below this confidence (as kg build)")
	cmd.Flags().IntVar(&nq.workers, "workers", runtime.NumCPU(), "nquads: extraction workers (output order does not depend on it)")
	return cmd
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
	upos, xpos, super := p.tagger.TagAux(ws)
	lemmas := p.tagger.Lemmatize(ws, upos, xpos)
	heads, rels := p.parser.ParseWith(ws, upos, xpos, super)
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

// runExtractJSON reads paths exactly as kg build does (the same reader:
// Markdown and HTML rendered to text, hard-wrapped copy re-joined, header
// lines and JSONL fields giving the title and date, one document per JSONL
// line) and prints each document's entities and facts as an indented JSON
// object, in input order. One input file gives one object, as before;
// several files, a directory or a JSONL file give a stream of objects,
// which json.Decoder and jq read one after the other. Input problems are
// reported on stderr and make the command exit non-zero after every good
// document was printed.
func runExtractJSON(ctx context.Context, cmd *cobra.Command, paths []string) error {
	pipe, err := extract.NewDefault()
	if err != nil {
		return fmt.Errorf("extract: loading models: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var stats buildStats
	tally := &inputTally{cmdName: "kg extract", stderr: cmd.ErrOrStderr()}
	results, readWait := docRun[*document.Document]{
		paths: paths, stdin: cmd.InOrStdin(), workers: runtime.NumCPU(), ordered: true,
		inputError: tally.inputError,
		work: func(ctx context.Context, d *document.Document) (*document.Document, error) {
			return d, pipe.Process(ctx, d)
		},
	}.start(ctx)
	out := bufio.NewWriter(cmd.OutOrStdout())
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	var writeErr error
	for r := range results {
		if writeErr != nil {
			continue // drain so the reader and workers can exit
		}
		if !tally.usable(ctx, r.doc.ID, r.err) {
			continue
		}
		d := r.val
		if err := enc.Encode(struct {
			ID       string            `json:"id"`
			Entities []document.Entity `json:"entities"`
			Facts    []document.Fact   `json:"facts"`
		}{ID: d.ID, Entities: d.Entities, Facts: d.Facts}); err != nil {
			writeErr = fmt.Errorf("extract: write: %w", err)
			cancel()
		}
	}
	readErr := readWait()
	tally.report(&stats)
	if writeErr != nil {
		return writeErr
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("extract: write: %w", err)
	}
	if readErr != nil && !errors.Is(readErr, context.Canceled) {
		return fmt.Errorf("extract: %w", readErr)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("extract: interrupted: %w", err)
	}
	tally.printFailures()
	if stats.Failed > 0 {
		return fmt.Errorf("%d input(s) failed; every other document was printed", stats.Failed)
	}
	return nil
}

// nquadsOptions are the flags of kg extract --format nquads.
type nquadsOptions struct {
	output        string
	base          string
	minConfidence float64
	workers       int
}

// runExtractNQuads extracts paths exactly as kg build does (same reader,
// same pipeline, same mapper, same content hash) and writes the quads as
// N-Quads. Input problems are reported and skipped, as in kg build, and
// make the command exit non-zero after writing every good document.
func runExtractNQuads(ctx context.Context, cmd *cobra.Command, paths []string, opts nquadsOptions) (err error) {
	start := time.Now()
	pipe, err := extract.NewDefault()
	if err != nil {
		return fmt.Errorf("extract: loading models: %w", err)
	}
	mapper := schema.Mapper{Minter: schema.Minter{Base: opts.base}, MinConfidence: opts.minConfidence}
	stderr := cmd.ErrOrStderr()

	// Output: standard output, or a temporary file renamed into place
	// only when everything was written, so that a shard file that exists
	// is complete (an interrupted run leaves nothing to import by mistake).
	var out io.Writer = cmd.OutOrStdout()
	var tmp *os.File
	if opts.output != "" && opts.output != "-" {
		tmp, err = os.CreateTemp(filepath.Dir(opts.output), "."+filepath.Base(opts.output)+".*.tmp")
		if err != nil {
			return fmt.Errorf("extract: %w", err)
		}
		defer func() {
			if tmp != nil { // not renamed: remove the partial file
				tmp.Close()
				os.Remove(tmp.Name())
			}
		}()
		out = tmp
	}
	bw := bufio.NewWriterSize(out, 1<<16)
	qw := nquads.NewWriter(bw)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var stats buildStats
	tally := &inputTally{cmdName: "kg extract", stderr: stderr}
	// In input order, so that a shard's output is byte-for-byte
	// reproducible however the workers interleave.
	results, readWait := docRun[[]quad.Quad]{
		paths: paths, stdin: cmd.InOrStdin(), workers: opts.workers, ordered: true,
		inputError: tally.inputError,
		work: func(ctx context.Context, d *document.Document) ([]quad.Quad, error) {
			hash := schema.HashContent(d, extract.Version)
			if err := pipe.Process(ctx, d); err != nil {
				return nil, err
			}
			return mapper.Quads(d, hash), nil
		},
	}.start(ctx)

	var writeErr error
	for r := range results {
		if writeErr != nil {
			continue // drain so the reader and workers can exit
		}
		stats.Documents++
		if !tally.usable(ctx, r.doc.ID, r.err) {
			continue
		}
		for _, q := range r.val {
			if err := qw.WriteQuad(q); err != nil {
				writeErr = fmt.Errorf("extract: write: %w", err)
				cancel()
				break
			}
		}
		if writeErr != nil {
			continue
		}
		stats.Written++
		stats.Sentences += len(r.doc.Sentences)
		stats.Entities += len(r.doc.Entities)
		stats.Facts += len(r.doc.Facts)
		stats.Quads += len(r.val)
	}
	readErr := readWait()
	tally.report(&stats)
	if writeErr != nil {
		return writeErr
	}
	if readErr != nil && !errors.Is(readErr, context.Canceled) {
		return fmt.Errorf("extract: %w", readErr)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("extract: interrupted; nothing was kept, run the command again: %w", err)
	}
	if err := qw.Close(); err != nil {
		return fmt.Errorf("extract: write: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("extract: write: %w", err)
	}
	if tmp != nil {
		if err := tmp.Close(); err != nil {
			return fmt.Errorf("extract: write %s: %w", opts.output, err)
		}
		if err := os.Rename(tmp.Name(), opts.output); err != nil {
			return fmt.Errorf("extract: %w", err)
		}
		tmp = nil
	}
	// The summary goes to stderr: stdout may be the quads themselves.
	printBuildSummary(stderr, stats, time.Since(start))
	tally.printFailures()
	if stats.Failed > 0 {
		return fmt.Errorf("%d input(s) failed; every other document was written", stats.Failed)
	}
	return nil
}
