package input

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/kg-project/kg/extract/document"
)

// jsonRecord is one JSONL line. ID may be a string or a number; Date a
// string or a Unix time in seconds or milliseconds; "headline" and "link"
// are accepted for title and url.
type jsonRecord struct {
	ID       json.RawMessage `json:"id"`
	Title    string          `json:"title"`
	Headline string          `json:"headline"`
	Date     json.RawMessage `json:"date"`
	URL      string          `json:"url"`
	Link     string          `json:"link"`
	Text     *string         `json:"text"`
	Body     *string         `json:"body"`
	Content  *string         `json:"content"`
}

// jsonl streams a JSONL file: each non-blank line is a document. Lines of
// any length are read without a line-length limit, but a line longer than
// the document size limit is drained without being kept and reported.
func (r *run) jsonl(br *bufio.Reader, path, id string) error {
	if peek, _ := br.Peek(8 << 10); len(peek) > 0 && looksBinary(peek) {
		r.onErr(&Error{Path: path, Err: ErrBinary})
		return nil
	}
	lineNo := 0
	var line []byte
	sawLine := false
	for {
		if err := r.ctx.Err(); err != nil {
			return stop{err}
		}
		lineNo++
		var tooLong bool
		var readErr error
		line, tooLong, readErr = readLine(br, line[:0], r.max)
		if readErr != nil && !errors.Is(readErr, io.EOF) {
			r.onErr(&Error{Path: path, Line: lineNo, Err: fmt.Errorf("read: %w", readErr)})
			return nil
		}
		if tooLong {
			r.onErr(&Error{Path: path, Line: lineNo, Err: fmt.Errorf("%w: line longer than %d bytes", ErrTooLarge, r.max)})
		} else if len(bytes.TrimSpace(line)) > 0 {
			sawLine = true
			if err := r.jsonLine(line, path, id, lineNo); err != nil {
				return err
			}
		}
		if readErr != nil { // io.EOF
			break
		}
	}
	if !sawLine {
		r.onErr(&Skipped{Path: path, Reason: "empty"})
	}
	return nil
}

// readLine appends the next line (without its "\n" or "\r\n") to buf. When
// the line exceeds max bytes it is consumed but not stored, and tooLong is
// set. err is io.EOF at the end of input.
func readLine(br *bufio.Reader, buf []byte, max int64) (line []byte, tooLong bool, err error) {
	for {
		chunk, e := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(buf)+len(chunk)) > max+2 {
				tooLong = true
				buf = buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(e, bufio.ErrBufferFull) {
			continue
		}
		if e == nil {
			buf = bytes.TrimSuffix(bytes.TrimSuffix(buf, []byte("\n")), []byte("\r"))
		}
		if tooLong {
			buf = buf[:0]
		}
		return buf, tooLong, e
	}
}

// jsonLine decodes one JSONL record and hands its document to fn.
func (r *run) jsonLine(line []byte, path, id string, lineNo int) error {
	var rec jsonRecord
	if err := json.Unmarshal(line, &rec); err != nil {
		e := &Error{Path: path, Line: lineNo, Err: fmt.Errorf("invalid JSON: %w", err)}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			e.Col = int(se.Offset)
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			e.Col = int(te.Offset)
		}
		r.onErr(e)
		return nil
	}
	var text *string
	for _, t := range []*string{rec.Text, rec.Body, rec.Content} {
		if t != nil {
			text = t
			break
		}
	}
	if text == nil {
		r.onErr(&Error{Path: path, Line: lineNo, Err: ErrNoText})
		return nil
	}
	recID := strconv.Itoa(lineNo)
	if s := jsonID(rec.ID); s != "" {
		recID = s
	}
	doc := &document.Document{
		ID:    id + "#" + recID,
		Title: collapse(BlankTickers(Clean(firstNonEmpty(rec.Title, rec.Headline)))),
		Date:  jsonDate(rec.Date),
		URL:   strings.TrimSpace(firstNonEmpty(rec.URL, rec.Link)),
		Text:  BlankTickers(Unwrap(Clean(*text))),
	}
	if strings.TrimSpace(doc.Text) == "" {
		r.onErr(&Skipped{Path: path, Line: lineNo, Reason: "empty text"})
		return nil
	}
	return r.emit(doc)
}

// jsonID renders a JSON id (string or number) as text; other kinds and
// null give "".
func jsonID(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return strings.TrimSpace(Clean(s))
		}
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return string(raw)
	}
	return ""
}

func firstNonEmpty(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// jsonDate normalises a JSON date: a string in any NormalizeDate form, or
// a number of seconds (milliseconds when above 1e11) since the Unix epoch,
// taken in UTC.
func jsonDate(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return ""
		}
		return NormalizeDate(s)
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	if err != nil || f <= 0 || f > 1e15 {
		return ""
	}
	if f > 1e11 {
		f /= 1000
	}
	return time.Unix(int64(f), 0).UTC().Format("2006-01-02")
}
