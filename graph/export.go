package graph

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/dot"
	"github.com/cayleygraph/quad/gml"
	"github.com/cayleygraph/quad/graphml"
	qjson "github.com/cayleygraph/quad/json"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"

	"github.com/kg-project/kg/graph/kvload"
	"github.com/kg-project/kg/graph/pgbulk"
)

// ExportFormats lists the formats Export accepts, the default first.
var ExportFormats = []string{"nquads", "jsonld", "json", "graphml", "gml", "dot"}

// newFormatWriter returns the quad writer for a format name (case-
// insensitive; a few common aliases accepted).
func newFormatWriter(w io.Writer, format string) (quad.WriteCloser, error) {
	switch strings.ToLower(format) {
	case "", "nquads", "nq", "n-quads":
		return nquads.NewWriter(w), nil
	case "jsonld", "json-ld":
		return jsonld.NewWriter(w), nil
	case "json":
		return qjson.NewWriter(w), nil
	case "graphml":
		return graphml.NewWriter(w), nil
	case "gml":
		return gml.NewWriter(w), nil
	case "dot", "graphviz", "gv":
		return dot.NewWriter(w), nil
	}
	return nil, fmt.Errorf("graph: unknown export format %q (want one of %s)", format, strings.Join(ExportFormats, ", "))
}

// Export writes every quad in the store to w in the given format (nquads
// when empty). Quads are streamed in store order; jsonld is the exception,
// since JSON-LD groups statements by subject and its encoder needs the whole
// dataset in memory. graphml, gml and dot are graph drawings: they keep
// subject, predicate and object but drop labels, so only nquads, jsonld and
// json can be imported back without loss.
func (s *Store) Export(ctx context.Context, w io.Writer, format string) error {
	qw, err := newFormatWriter(w, format)
	if err != nil {
		return err
	}
	defer s.rlock()()
	n := 0
	err = s.eachQuad(ctx, func(q quad.Quad) error {
		n++
		return qw.WriteQuad(q)
	})
	if err != nil {
		qw.Close()
		return fmt.Errorf("graph: export after %d quads: %w", n, err)
	}
	if err := qw.Close(); err != nil {
		return fmt.Errorf("graph: export: %w", err)
	}
	return nil
}

// eachQuad calls fn for every quad in the store, stopping at the first error
// or when ctx ends.
func (s *Store) eachQuad(ctx context.Context, fn func(quad.Quad) error) error {
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return fmt.Errorf("read quad: %w", err)
		}
		if !q.IsValid() {
			continue
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	return ctx.Err()
}

// importBatch is how many quads Import writes per transaction through
// Cayley's writer: large enough to amortise a commit, small enough to bound
// memory on huge inputs.
const importBatch = 20000

// directImportBatch is the same for bbolt stores, which Import writes with
// kvload, Cayley's layout written directly: its cost per quad falls with
// the batch (fewer rewrites of the same node buckets and index keys) where
// Cayley's rises. 200k quads hold about 100 MB in memory.
const directImportBatch = 200_000

// reopenKV replaces the Cayley quad store over the bbolt file by a fresh
// one after kvload wrote to the file behind its back: Cayley's bloom
// filters and caches describe the file as it was when opened, and writing
// through them would duplicate nodes and quads or overwrite index lists.
// The fresh store has no bloom filters (building them scans the whole log,
// which would cost more than the writes they speed up in a process that
// just bulk-loaded). The caller holds the write lock.
func (s *Store) reopenKV() error {
	qs, err := ckv.New(hbolt.New(s.bolt), cgraph.Options{ckv.OptNoBloom: true})
	if err != nil {
		return fmt.Errorf("reopen store after a direct load: %w", err)
	}
	s.qs = qs // the old one is dropped, not closed: closing it would close the file
	return nil
}

// ImportError locates a syntax error in an N-Quads input.
type ImportError struct {
	Name   string // file name as given to Import
	Line   int    // 1-based
	Column int    // 1-based, in characters
	Msg    string
}

func (e *ImportError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Name, e.Line, e.Column, e.Msg)
}

// Import reads N-Quads from r and adds them to the store, returning how many
// quads were new (quads already present are skipped). name labels errors,
// which read file:line:column. Quads are written in batches, so after a
// syntax error the batches before it stay written; since adding a quad twice
// is a no-op, importing the corrected file again completes the job.
//
// bbolt stores are written by kvload, which writes the keys and values
// Cayley's writer would, several times faster; PostgreSQL by one pgbulk
// Load (all or nothing, apart from the lines before a syntax error);
// memstore through Cayley. On bbolt the batches are synced to disk once, at the end, and the
// QuadStore returned by QuadStore before the import must not be used to
// write after it.
func (s *Store) Import(ctx context.Context, r io.Reader, name string) (added int, err error) {
	unlock, err := s.wlock()
	if err != nil {
		return 0, err
	}
	defer unlock()
	before, err := s.backendStats(ctx, false)
	if err != nil {
		return 0, fmt.Errorf("graph: import %s: %w", name, err)
	}
	// Report what was actually added even when a later batch fails.
	// On PostgreSQL the load's own count is exact; Cayley's SQL statistics
	// of an empty store are an estimate.
	loadAdded := -1
	defer func() {
		if loadAdded >= 0 {
			added = loadAdded
			return
		}
		after, serr := s.backendStats(context.Background(), false)
		if serr == nil {
			added = int(after.Quads.Value - before.Quads.Value)
		}
	}()

	size := importBatch
	direct := s.bolt != nil
	if direct {
		size = directImportBatch
		// One fsync at the end instead of one per batch, as BulkWriter
		// does; and Cayley's in-memory view of the file is rebuilt once
		// the direct writes are done.
		restore := s.bolt.NoSync
		s.bolt.NoSync, s.bolt.NoGrowSync = true, true
		defer func() {
			serr := s.bolt.Sync()
			s.bolt.NoSync, s.bolt.NoGrowSync = restore, restore
			if rerr := s.reopenKV(); err == nil && rerr != nil {
				err = fmt.Errorf("graph: import %s: %w", name, rerr)
			}
			if err == nil && serr != nil {
				err = fmt.Errorf("graph: import %s: sync: %w", name, serr)
			}
		}()
	}
	// On PostgreSQL the whole import is one pgbulk Load: Cayley's indexes
	// and foreign keys are rebuilt once at the end instead of maintained
	// row by row (see pgbulk.Load), which is what makes a large import
	// several times faster than Cayley's writer. A load is all or nothing:
	// a cancelled or failed import leaves the store as it was, while a
	// syntax error still commits the lines before it, as on bbolt.
	var load *pgbulk.Load
	if s.pg != nil {
		if load, err = s.pg.BeginLoad(ctx); err != nil {
			return 0, fmt.Errorf("graph: import %s: %w", name, err)
		}
		defer func() {
			if load != nil {
				load.Rollback()
			}
			// Cayley caches counts; make it read them again.
			if aerr := s.qs.ApplyDeltas(nil, cgraph.IgnoreOpts{}); err == nil && aerr != nil {
				err = fmt.Errorf("graph: import %s: %w", name, aerr)
			}
		}()
	}
	commit := func() error {
		if load == nil {
			return nil
		}
		l := load
		load = nil
		res, err := l.Commit(ctx)
		if err != nil {
			return fmt.Errorf("graph: import %s: %w", name, err)
		}
		loadAdded = res.Added
		return nil
	}
	batch := make([]quad.Quad, 0, size)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if load != nil {
			err := load.Add(ctx, batch)
			batch = batch[:0]
			if err != nil {
				return fmt.Errorf("graph: import %s: %w", name, err)
			}
			return nil
		}
		if direct {
			_, err := kvload.Load(ctx, s.bolt, batch)
			batch = batch[:0]
			if err != nil {
				return fmt.Errorf("graph: import %s: %w", name, err)
			}
			return nil
		}
		deltas := make([]cgraph.Delta, len(batch))
		for i, q := range batch {
			deltas[i] = cgraph.Delta{Quad: q, Action: cgraph.Add}
		}
		batch = batch[:0]
		if err := s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
			return fmt.Errorf("graph: import %s: %w", name, err)
		}
		return nil
	}
	br := bufio.NewReaderSize(r, 1<<16)
	for lineNo := 1; ; lineNo++ {
		line, rerr := br.ReadString('\n')
		if rerr != nil && !errors.Is(rerr, io.EOF) {
			return 0, fmt.Errorf("graph: import %s:%d: %w", name, lineNo, rerr)
		}
		if q, ok, perr := parseLine(line); perr != nil {
			perr.Name, perr.Line = name, lineNo
			if ferr := flush(); ferr != nil {
				return 0, ferr
			}
			if cerr := commit(); cerr != nil {
				return 0, cerr
			}
			return 0, perr
		} else if ok {
			batch = append(batch, q)
		}
		if len(batch) >= size {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
			if err := flush(); err != nil {
				return 0, err
			}
		}
		if rerr != nil { // io.EOF
			break
		}
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if err := flush(); err != nil {
		return 0, err
	}
	return 0, commit()
}

// posRe finds the rune offset Cayley's N-Quads parser puts in its errors.
var posRe = regexp.MustCompile(` at (\d+)$`)

// parseLine parses one N-Quads line. Blank lines and comments give ok=false.
// The returned error has Column and Msg set.
func parseLine(line string) (q quad.Quad, ok bool, perr *ImportError) {
	body := strings.TrimRight(line, "\r\n")
	trimmed := strings.TrimLeft(body, " \t")
	indent := utf8.RuneCountInString(body) - utf8.RuneCountInString(trimmed)
	trimmed = strings.TrimRight(trimmed, " \t")
	if trimmed == "" || trimmed[0] == '#' {
		return quad.Quad{}, false, nil
	}
	col, msg, end := checkTerms(trimmed)
	if msg != "" {
		return quad.Quad{}, false, &ImportError{Column: indent + col, Msg: msg}
	}
	// Hand Cayley's parser the statement only: it would read a comment
	// glued to the final '.' (".#x") as a bare-word graph label.
	trimmed = trimmed[:end]
	q, err := parseNQuad(trimmed)
	if err != nil {
		col := utf8.RuneCountInString(trimmed) + 1 // incomplete input: the end of the line
		msg := err.Error()
		if m := posRe.FindStringSubmatch(msg); m != nil {
			if p, convErr := strconv.Atoi(m[1]); convErr == nil {
				col = p + 1
			}
			msg = strings.TrimSuffix(msg, m[0])
		}
		return quad.Quad{}, false, &ImportError{Column: indent + col, Msg: msg}
	}
	if !q.IsValid() {
		return quad.Quad{}, false, &ImportError{Column: indent + 1, Msg: "invalid N-Quad: want subject, predicate and object terms, an optional graph label, then ' .'"}
	}
	if err := checkStorable(q); err != nil {
		return quad.Quad{}, false, &ImportError{Column: indent + 1, Msg: err.Error()}
	}
	return q, true, nil
}

// checkTerms enforces standard N-Quads term syntax, which Cayley's parser
// relaxes: it reads bare words as string literals, so a typo like c for <c>
// would be imported silently as the string "c". It returns the 1-based rune
// column of the first offending term and a message, or "" when the line is
// well formed (escapes inside literals are left to the parser).
func checkTerms(line string) (col int, msg string, end int) {
	type term struct {
		kind byte // '<' IRI, '_' blank node, '"' literal
		col  int
	}
	var terms []term
	i := 0
	colAt := func(byteOff int) int { return utf8.RuneCountInString(line[:byteOff]) + 1 }
	// afterTerm is set right after a term ends: the next character must
	// separate it from another term. (The grammar allows "<a><b>", but
	// Cayley's parser misreads it.)
	afterTerm := false
	for i < len(line) {
		c := line[i]
		if afterTerm && c != ' ' && c != '\t' && c != '.' {
			return colAt(i), "terms must be separated by whitespace", 0
		}
		afterTerm = c != ' ' && c != '\t' && c != '.'
		switch {
		case c == ' ' || c == '\t':
			i++
			continue
		case c == '.':
			if strings.TrimSpace(line[i+1:]) != "" && !strings.HasPrefix(strings.TrimSpace(line[i+1:]), "#") {
				return colAt(i + 1), "unexpected text after the final '.'", 0
			}
			if len(terms) < 3 {
				return colAt(i), "incomplete N-Quad: want subject, predicate and object before '.'", 0
			}
			if len(terms) > 4 {
				return terms[4].col, "too many terms: want subject, predicate, object and an optional graph label", 0
			}
			for k, t := range terms {
				switch {
				case k == 0 && t.kind == '"':
					return t.col, "a literal cannot be the subject", 0
				case k == 1 && t.kind != '<':
					return t.col, "the predicate must be an <IRI>", 0
				case k == 3 && t.kind == '"':
					return t.col, "a literal cannot be the graph label", 0
				}
			}
			return 0, "", i + 1
		case c == '<':
			j, bad := scanIRI(line[i:])
			if j < 0 {
				return colAt(i + bad), "invalid IRI: want <...> without spaces, quotes or <>{}|^`\\", 0
			}
			terms = append(terms, term{'<', colAt(i)})
			i += j
		case strings.HasPrefix(line[i:], "_:"):
			terms = append(terms, term{'_', colAt(i)})
			for i < len(line) && line[i] != ' ' && line[i] != '\t' {
				i++
			}
		case c == '"':
			start := i
			i++
			for i < len(line) && line[i] != '"' {
				if line[i] == '\\' {
					i++
				}
				i++
			}
			if i >= len(line) {
				return colAt(start), "unterminated string literal", 0
			}
			i++ // closing quote
			if strings.HasPrefix(line[i:], "^^<") {
				j, bad := scanIRI(line[i+2:])
				if j < 0 {
					return colAt(i + 2 + bad), "invalid datatype IRI: want <...> without spaces, quotes or <>{}|^`\\", 0
				}
				i += 2 + j
			} else if i < len(line) && line[i] == '@' {
				for i++; i < len(line) && line[i] != ' ' && line[i] != '\t'; i++ {
				}
			}
			terms = append(terms, term{'"', colAt(start)})
		default:
			r, _ := utf8.DecodeRuneInString(line[i:])
			return colAt(i), fmt.Sprintf("unexpected %q: terms are <IRI>, _:blank or \"literal\"", r), 0
		}
	}
	return colAt(len(line)), "incomplete N-Quad: missing the final '.'", 0
}

// scanIRI checks the IRI reference at the start of s ("<...>") against
// N-Quads' IRIREF rule and returns its length; on failure it returns -1 and
// the byte offset of the offending character.
func scanIRI(s string) (n, bad int) {
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '>':
			return i + 1, 0
		case c <= ' ' || c == '<' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`':
			return -1, i
		case c == '\\':
			if i+1 >= len(s) || (s[i+1] != 'u' && s[i+1] != 'U') {
				return -1, i
			}
		}
	}
	return -1, len(s)
}

// parseNQuad wraps nquads.Parse, which panics on some malformed escape
// sequences (\u with non-hex digits): a bad input line must be an error,
// not a crash.
func parseNQuad(s string) (q quad.Quad, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("invalid N-Quad: malformed escape sequence (%v)", r)
		}
	}()
	return nquads.Parse(s)
}
