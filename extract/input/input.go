// Package input reads user files into documents for `kg build`.
//
// Walk accepts files, directories (walked recursively in lexical order) and
// "-" for standard input, and recognises formats by extension:
//
//   - .txt (and any file named explicitly with an unknown extension): plain
//     text. A leading block of "Title: ", "Date: " and "URL: " header lines
//     sets those fields and is removed from the text; otherwise Title stays
//     empty — guessing that a first short line is a headline would be wrong
//     for datelines, bylines and tweets, and the first line is still
//     processed as text, so no information is lost.
//   - .md, .markdown: Markdown rendered to plain text (emphasis, links,
//     list markers removed; code blocks and raw HTML dropped). A YAML front
//     matter "title:"/"date:" or, failing that, a level-1 heading on the
//     first line gives the Title.
//   - .html, .htm: the visible text (see HTMLText); <title> gives the Title.
//   - .jsonl, .ndjson: one JSON object a line with "id", "title", "date",
//     "url" and "text" (or "body"/"content"); each line is a document.
//
// Unknown extensions met during a directory walk are skipped silently, as
// are hidden files and directories (names starting with "."). Text is made
// safe for every later stage: invalid UTF-8 becomes U+FFFD, control bytes
// become spaces, line ends become "\n", and hard-wrapped plain text (such as
// Reuters wire copy, wrapped at ~70 columns) is re-joined into one line per
// paragraph, because the sentence splitter ends a sentence at every line
// break. Stock-ticker annotations in plain text and JSONL ("USAir Group
// <U>") become spaces (see BlankTickers).
//
// Problems with one file or line never stop the walk: they are reported to
// onErr as *Error (with file, line and column when known) or *Skipped (an
// empty document — a notice, not a failure) and the walk goes on. Memory
// stays bounded: JSONL is streamed line by line and no document larger than
// MaxDocBytes is held in memory.
package input

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/kg-project/kg/extract/document"
)

// DefaultMaxDocBytes bounds the size of one document (a file, or one JSONL
// line) when Walker.MaxDocBytes is zero.
const DefaultMaxDocBytes = 32 << 20

// Sentinel causes carried by *Error, for errors.Is.
var (
	// ErrBinary marks a file that looks binary (NUL bytes or many control
	// bytes in its first 8 KB).
	ErrBinary = errors.New("binary file")
	// ErrTooLarge marks a document larger than the size limit.
	ErrTooLarge = errors.New("document exceeds size limit")
	// ErrNoText marks a JSONL object without a text, body or content field.
	ErrNoText = errors.New("no text, body or content field")
)

// Error reports a file or line that could not be read. The walk continues
// after it.
type Error struct {
	Path string // file as named by the user or found in a directory; "-" for stdin
	Line int    // 1-based line, 0 when not applicable
	Col  int    // 1-based column (byte offset in the line), 0 when unknown
	Err  error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Skipped is a notice that a document was skipped because it holds no
// text (an empty file, a whitespace-only file, a JSONL object with empty
// text). It is reported through onErr so users can see it, but callers
// should not count it as a failure.
type Skipped struct {
	Path   string
	Line   int // 1-based JSONL line, 0 for whole files
	Reason string
}

func (s *Skipped) Error() string {
	if s.Line > 0 {
		return fmt.Sprintf("%s:%d: skipped: %s", s.Path, s.Line, s.Reason)
	}
	return fmt.Sprintf("%s: skipped: %s", s.Path, s.Reason)
}

// Walker reads documents. The zero value is ready to use.
type Walker struct {
	// MaxDocBytes limits one document (a whole file, or one JSONL line);
	// larger ones are reported with ErrTooLarge and skipped. Zero means
	// DefaultMaxDocBytes.
	MaxDocBytes int64
}

// Walk reads paths (files, directories recursively, "-" = stdin) and calls
// fn for each document in a deterministic order (sorted paths; jsonl lines
// in order). A bad file or line is reported through onErr with a
// *input.Error naming file and line (and column when known) and walking
// continues; fn's error stops the walk.
//
// It uses a zero Walker (DefaultMaxDocBytes).
func Walk(ctx context.Context, paths []string, stdin io.Reader, fn func(*document.Document) error, onErr func(error)) error {
	var w Walker
	return w.Walk(ctx, paths, stdin, fn, onErr)
}

// Walk is the package-level Walk with this Walker's limits. Arguments are
// processed in the order given; directory contents in lexical order.
func (w *Walker) Walk(ctx context.Context, paths []string, stdin io.Reader, fn func(*document.Document) error, onErr func(error)) error {
	if onErr == nil {
		onErr = func(error) {}
	}
	r := run{ctx: ctx, fn: fn, onErr: onErr, max: w.MaxDocBytes}
	if r.max <= 0 {
		r.max = DefaultMaxDocBytes
	}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		if p == "-" {
			if stdin == nil {
				onErr(&Error{Path: "-", Err: errors.New("no standard input")})
				continue
			}
			err = r.stdin(stdin)
		} else {
			err = r.root(p)
		}
		if err != nil {
			var s stop
			if errors.As(err, &s) {
				return s.err
			}
			return err
		}
	}
	return nil
}

// run carries the state of one Walk call.
type run struct {
	ctx   context.Context
	fn    func(*document.Document) error
	onErr func(error)
	max   int64
}

// stop marks errors that must end the walk (fn's error, cancellation).
type stop struct{ err error }

func (s stop) Error() string { return s.err.Error() }
func (s stop) Unwrap() error { return s.err }

// root walks one command-line argument.
func (r *run) root(arg string) error {
	info, err := os.Stat(arg)
	if err != nil {
		r.onErr(&Error{Path: arg, Err: err})
		return nil
	}
	if !info.IsDir() {
		// Named explicitly: unknown extensions are read as text. The ID
		// is the path as given, slash-separated.
		return r.file(arg, filepath.ToSlash(filepath.Clean(arg)), formatOf(arg, true))
	}
	err = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			r.onErr(&Error{Path: path, Err: err})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path != arg && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return r.ctx.Err()
		}
		f := formatOf(path, false)
		if f == formatNone {
			return nil
		}
		if !d.Type().IsRegular() {
			// Follow symlinks to regular files; skip devices, sockets
			// and symlinks to directories (no cycles).
			st, err := os.Stat(path)
			if err != nil {
				r.onErr(&Error{Path: path, Err: err})
				return nil
			}
			if !st.Mode().IsRegular() {
				return nil
			}
		}
		rel, err := filepath.Rel(arg, path)
		if err != nil {
			rel = path
		}
		return r.file(path, filepath.ToSlash(rel), f)
	})
	var s stop
	if errors.As(err, &s) {
		return s.err
	}
	return err
}

type format int

const (
	formatNone format = iota
	formatText
	formatMarkdown
	formatHTML
	formatJSONL
)

// formatOf picks the reader for a file name. explicit says the user named
// the file, so unknown extensions are read as text.
func formatOf(path string, explicit bool) format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".text":
		return formatText
	case ".md", ".markdown":
		return formatMarkdown
	case ".html", ".htm", ".xhtml":
		return formatHTML
	case ".jsonl", ".ndjson":
		return formatJSONL
	}
	if explicit {
		return formatText
	}
	return formatNone
}

// file reads one file of format f; id is its document ID.
func (r *run) file(path, id string, f format) error {
	fh, err := os.Open(path)
	if err != nil {
		r.onErr(&Error{Path: path, Err: err})
		return nil
	}
	defer fh.Close()
	if f == formatJSONL {
		return r.jsonl(bufio.NewReaderSize(fh, 64<<10), path, id)
	}
	st, err := fh.Stat()
	if err != nil {
		r.onErr(&Error{Path: path, Err: err})
		return nil
	}
	if st.Size() > r.max {
		r.onErr(&Error{Path: path, Err: fmt.Errorf("%w: %d bytes > %d", ErrTooLarge, st.Size(), r.max)})
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(fh, r.max+1))
	if err != nil {
		r.onErr(&Error{Path: path, Err: fmt.Errorf("read: %w", err)})
		return nil
	}
	return r.whole(data, path, id, f)
}

// stdin reads standard input, sniffing its format from the first
// non-space byte: '{' = JSONL, '<' = HTML, else text.
func (r *run) stdin(in io.Reader) error {
	br := bufio.NewReaderSize(in, 64<<10)
	peek, _ := br.Peek(512)
	first := bytes.TrimLeft(peek, " \t\r\n\ufeff")
	f := formatText
	if len(first) > 0 {
		switch first[0] {
		case '{':
			f = formatJSONL
		case '<':
			f = formatHTML
		}
	}
	if f == formatJSONL {
		return r.jsonl(br, "-", "stdin")
	}
	data, err := io.ReadAll(io.LimitReader(br, r.max+1))
	if err != nil {
		r.onErr(&Error{Path: "-", Err: fmt.Errorf("read: %w", err)})
		return nil
	}
	if int64(len(data)) > r.max {
		r.onErr(&Error{Path: "-", Err: fmt.Errorf("%w: more than %d bytes", ErrTooLarge, r.max)})
		return nil
	}
	return r.whole(data, "-", "stdin", f)
}

// whole turns the complete contents of a non-JSONL file into a document.
func (r *run) whole(data []byte, path, id string, f format) error {
	if len(bytes.TrimSpace(data)) == 0 {
		r.onErr(&Skipped{Path: path, Reason: "empty"})
		return nil
	}
	if looksBinary(data) {
		r.onErr(&Error{Path: path, Err: ErrBinary})
		return nil
	}
	doc := &document.Document{ID: id}
	switch f {
	case formatHTML:
		h, err := HTMLText(bytes.NewReader(data))
		if err != nil {
			r.onErr(&Error{Path: path, Err: fmt.Errorf("html: %w", err)})
			return nil
		}
		doc.Title, doc.Text, doc.URL = h.Title, h.Text, h.URL
		doc.Date = NormalizeDate(h.Date)
	case formatMarkdown:
		m := MarkdownText(data)
		doc.Title, doc.Text = collapse(Clean(m.Title)), Clean(m.Text)
		doc.Date = NormalizeDate(m.Date)
	default:
		text := Clean(string(data))
		var hdr header
		hdr, text = splitHeader(text)
		doc.Title, doc.URL = BlankTickers(hdr.title), hdr.url
		doc.Date = NormalizeDate(hdr.date)
		doc.Text = BlankTickers(Unwrap(text))
	}
	if strings.TrimSpace(doc.Text) == "" {
		r.onErr(&Skipped{Path: path, Reason: "no text"})
		return nil
	}
	return r.emit(doc)
}

// emit hands a document to fn, turning fn's error into a stop.
func (r *run) emit(doc *document.Document) error {
	if err := r.ctx.Err(); err != nil {
		return stop{err}
	}
	if err := r.fn(doc); err != nil {
		return stop{fmt.Errorf("%s: %w", doc.ID, err)}
	}
	return nil
}

// looksBinary reports whether the first 8 KB hold a NUL byte or more than
// 10% control bytes (other than tab, line feed, form feed, carriage return
// and escape).
func looksBinary(data []byte) bool {
	if len(data) > 8<<10 {
		data = data[:8<<10]
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, c := range data {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b && c != '\v') || c == 0x7f {
			ctl++
		}
	}
	return ctl*10 > len(data)
}

// header holds the fields of a leading "Title: ..." block of a text file.
type header struct{ title, date, url string }

// splitHeader removes a leading block of "Title:", "Date:" and "URL:" lines
// (at least one, the first line must be one of them) and the blank line
// after it.
func splitHeader(text string) (header, string) {
	var h header
	rest := text
	found := false
	for {
		line, after, ok := strings.Cut(rest, "\n")
		key, val, isKV := strings.Cut(line, ":")
		if !isKV {
			break
		}
		val = strings.TrimSpace(val)
		switch strings.ToLower(strings.TrimSpace(key)) {
		case "title":
			h.title = val
		case "date":
			h.date = val
		case "url":
			h.url = val
		default:
			isKV = false
		}
		if !isKV {
			break
		}
		found = true
		if !ok {
			rest = ""
			break
		}
		rest = after
	}
	if !found {
		return header{}, text
	}
	rest = strings.TrimLeft(rest, "\n")
	return h, rest
}
