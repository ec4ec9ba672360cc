package input

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/document"
)

// walkResult collects what Walk produced.
type walkResult struct {
	docs    []*document.Document
	errs    []*Error
	skipped []*Skipped
}

func (w *walkResult) ids() []string {
	var out []string
	for _, d := range w.docs {
		out = append(out, d.ID)
	}
	return out
}

func walk(t *testing.T, w *Walker, paths []string, stdin string) *walkResult {
	t.Helper()
	res := &walkResult{}
	var in *strings.Reader
	if stdin != "" {
		in = strings.NewReader(stdin)
	}
	var stdinReader = func() interface{ Read([]byte) (int, error) } { return in }()
	if in == nil {
		stdinReader = nil
	}
	err := w.Walk(context.Background(), paths, stdinReader, func(d *document.Document) error {
		res.docs = append(res.docs, d)
		return nil
	}, func(err error) {
		var e *Error
		var s *Skipped
		switch {
		case errors.As(err, &e):
			res.errs = append(res.errs, e)
		case errors.As(err, &s):
			res.skipped = append(res.skipped, s)
		default:
			t.Errorf("onErr got %T %v, want *Error or *Skipped", err, err)
		}
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return res
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestWalkDirectoryOrderAndIDs(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"b.txt":            "Second file.",
		"a/z.md":           "# Heading\n\nSome *markdown* text.",
		"a/y.html":         "<html><head><title>T</title></head><body><p>Hello.</p></body></html>",
		"c.jsonl":          `{"id":"x1","text":"One."}` + "\n" + `{"text":"Two."}` + "\n",
		"notes.docx":       "ignored in a directory walk",
		".hidden/skip.txt": "hidden",
		".skip.txt":        "hidden",
	})
	res := walk(t, &Walker{}, []string{dir}, "")
	want := []string{"a/y.html", "a/z.md", "b.txt", "c.jsonl#x1", "c.jsonl#2"}
	if got := res.ids(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("ids = %q, want %q", got, want)
	}
	if len(res.errs) != 0 || len(res.skipped) != 0 {
		t.Errorf("unexpected errors %v skipped %v", res.errs, res.skipped)
	}
}

func TestExplicitUnknownExtensionIsText(t *testing.T) {
	dir := writeFiles(t, map[string]string{"story.news": "Trump met Putin."})
	p := filepath.Join(dir, "story.news")
	res := walk(t, &Walker{}, []string{p}, "")
	if len(res.docs) != 1 || res.docs[0].Text != "Trump met Putin." || res.docs[0].ID != filepath.ToSlash(p) {
		t.Fatalf("docs = %+v", res.docs)
	}
}

func TestMissingPathReportedAndWalkContinues(t *testing.T) {
	dir := writeFiles(t, map[string]string{"ok.txt": "Fine."})
	res := walk(t, &Walker{}, []string{filepath.Join(dir, "nope.txt"), filepath.Join(dir, "ok.txt")}, "")
	if len(res.errs) != 1 || !errors.Is(res.errs[0], os.ErrNotExist) {
		t.Errorf("errs = %v", res.errs)
	}
	if len(res.docs) != 1 {
		t.Errorf("docs = %d, want 1", len(res.docs))
	}
}

func TestTextHeader(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"h.txt":  "Title: Alaska summit ends\nDate: August 15, 2025\nURL: https://example.com/a\n\nTrump met Putin.\nThey talked.",
		"no.txt": "Alaska: US President Donald Trump met Putin.\nSecond line.",
	})
	res := walk(t, &Walker{}, []string{dir}, "")
	if len(res.docs) != 2 {
		t.Fatalf("docs = %d", len(res.docs))
	}
	h := res.docs[0]
	if h.Title != "Alaska summit ends" || h.Date != "2025-08-15" || h.URL != "https://example.com/a" || h.Text != "Trump met Putin.\nThey talked." {
		t.Errorf("header doc = %+v", h)
	}
	// "Alaska:" is not a header key: the text is kept whole, Title empty.
	n := res.docs[1]
	if n.Title != "" || !strings.HasPrefix(n.Text, "Alaska: US President") {
		t.Errorf("plain doc = %+v", n)
	}
}

func TestBinaryFileSkipped(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"bin.txt":   "PK\x03\x04\x00\x00binary\x00data",
		"ctl.txt":   strings.Repeat("\x01\x02\x03\x04 ab", 100),
		"bin.jsonl": "\x00\x01\x02{}",
	})
	res := walk(t, &Walker{}, []string{dir}, "")
	if len(res.docs) != 0 || len(res.errs) != 3 {
		t.Fatalf("docs %d errs %v", len(res.docs), res.errs)
	}
	for _, e := range res.errs {
		if !errors.Is(e, ErrBinary) || !strings.Contains(e.Error(), "binary file") {
			t.Errorf("error %v, want binary file", e)
		}
	}
}

func TestInvalidUTF8Replaced(t *testing.T) {
	dir := writeFiles(t, map[string]string{"bad.txt": "caf\xe9 is open\r\nsecond\x0bline"})
	res := walk(t, &Walker{}, []string{dir}, "")
	if len(res.docs) != 1 {
		t.Fatalf("docs = %d errs %v", len(res.docs), res.errs)
	}
	if got := res.docs[0].Text; got != "caf\uFFFD is open\nsecond line" {
		t.Errorf("text = %q", got)
	}
}

func TestEmptyFilesAreSkipNotices(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"empty.txt":   "",
		"blank.md":    "  \n\n ",
		"empty.jsonl": "\n\n",
		"code.md":     "```\nonly code\n```\n",
	})
	res := walk(t, &Walker{}, []string{dir}, "")
	if len(res.docs) != 0 || len(res.errs) != 0 || len(res.skipped) != 4 {
		t.Fatalf("docs %d errs %v skipped %v", len(res.docs), res.errs, res.skipped)
	}
}

func TestJSONLBrokenLine(t *testing.T) {
	body := strings.Join([]string{
		`{"id": 7, "title": "Cocoa", "date": "26-FEB-1987 15:01:01.79", "text": "Showers continued."}`,
		``,
		`{"id": "b", "text": "broken`,
		`{"id": "c", "body": "From body.", "date": "2025-08-15T10:00:00-08:00"}`,
		`{"content": "From content.", "date": 1755252000, "headline": "H", "link": "https://x"}`,
		`{"id": "d", "title": "no text"}`,
		`[1,2]`,
	}, "\n")
	dir := writeFiles(t, map[string]string{"n.ndjson": body})
	res := walk(t, &Walker{}, []string{dir}, "")
	want := []string{"n.ndjson#7", "n.ndjson#c", "n.ndjson#5"}
	if got := res.ids(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("ids = %q, want %q (errs %v)", got, want, res.errs)
	}
	if d := res.docs[0]; d.Title != "Cocoa" || d.Date != "1987-02-26" || d.Text != "Showers continued." {
		t.Errorf("doc 0 = %+v", d)
	}
	if d := res.docs[1]; d.Text != "From body." || d.Date != "2025-08-15" {
		t.Errorf("doc 1 = %+v", d)
	}
	if d := res.docs[2]; d.Date != "2025-08-15" || d.Title != "H" || d.URL != "https://x" {
		t.Errorf("doc 2 = %+v", d)
	}
	if len(res.errs) != 3 {
		t.Fatalf("errs = %v", res.errs)
	}
	lines := []int{3, 6, 7}
	for i, e := range res.errs {
		if e.Line != lines[i] || !strings.HasSuffix(e.Path, "n.ndjson") {
			t.Errorf("err %d = %v, want line %d", i, e, lines[i])
		}
	}
	if !strings.Contains(res.errs[0].Error(), "n.ndjson:3") {
		t.Errorf("message %q lacks file:line", res.errs[0].Error())
	}
	if !errors.Is(res.errs[1], ErrNoText) {
		t.Errorf("err %v, want ErrNoText", res.errs[1])
	}
}

func TestHugeSingleLine(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 100 MB of temporary files")
	}
	dir := t.TempDir()
	huge := bytes.Repeat([]byte("word "), 10<<20) // 50 MB
	var jl bytes.Buffer
	jl.WriteString(`{"id":"big","text":"`)
	jl.Write(huge)
	jl.WriteString("\"}\n")
	jl.WriteString(`{"id":"small","text":"Still loads."}` + "\n")
	if err := os.WriteFile(filepath.Join(dir, "big.jsonl"), jl.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "big.txt"), huge, 0o644); err != nil {
		t.Fatal(err)
	}
	res := walk(t, &Walker{}, []string{dir}, "")
	if got := res.ids(); len(got) != 1 || got[0] != "big.jsonl#small" {
		t.Errorf("ids = %q", got)
	}
	if len(res.errs) != 2 {
		t.Fatalf("errs = %v", res.errs)
	}
	for _, e := range res.errs {
		if !errors.Is(e, ErrTooLarge) {
			t.Errorf("err %v, want ErrTooLarge", e)
		}
	}
	if res.errs[0].Line != 1 {
		t.Errorf("jsonl error line = %d, want 1", res.errs[0].Line)
	}
	// A larger limit accepts the same line.
	res = walk(t, &Walker{MaxDocBytes: 64 << 20}, []string{filepath.Join(dir, "big.jsonl")}, "")
	if len(res.docs) != 2 || len(res.docs[0].Text) != len(huge) {
		t.Errorf("with 64 MB limit: %d docs, errs %v", len(res.docs), res.errs)
	}
}

func TestStdin(t *testing.T) {
	res := walk(t, &Walker{}, []string{"-"}, "Trump met Putin in Anchorage.")
	if len(res.docs) != 1 || res.docs[0].ID != "stdin" {
		t.Fatalf("text stdin: %+v", res.docs)
	}
	res = walk(t, &Walker{}, []string{"-"}, "{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\"b\",\"text\":\"Two.\"}\n")
	if got := res.ids(); strings.Join(got, ",") != "stdin#a,stdin#b" {
		t.Fatalf("jsonl stdin: %q", got)
	}
	res = walk(t, &Walker{}, []string{"-"}, "<p>Hi <b>there</b></p><script>x()</script>")
	if len(res.docs) != 1 || res.docs[0].Text != "Hi there" {
		t.Fatalf("html stdin: %+v", res.docs)
	}
}

func TestFnErrorStopsWalk(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": "A.", "b.txt": "B.", "c.jsonl": "{\"text\":\"C\"}\n{\"text\":\"D\"}"})
	boom := errors.New("boom")
	n := 0
	err := Walk(context.Background(), []string{dir}, nil, func(*document.Document) error {
		n++
		if n == 2 {
			return boom
		}
		return nil
	}, nil)
	if !errors.Is(err, boom) || n != 2 {
		t.Errorf("err = %v after %d docs", err, n)
	}
	n = 0
	err = Walk(context.Background(), []string{dir}, nil, func(d *document.Document) error {
		n++
		if d.ID == "c.jsonl#1" {
			return boom
		}
		return nil
	}, nil)
	if !errors.Is(err, boom) || n != 3 {
		t.Errorf("jsonl: err = %v after %d docs", err, n)
	}
}

func TestContextCancelled(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": "A.", "b.txt": "B."})
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := Walk(ctx, []string{dir}, nil, func(*document.Document) error {
		n++
		cancel()
		return nil
	}, nil)
	if !errors.Is(err, context.Canceled) || n != 1 {
		t.Errorf("err = %v after %d docs", err, n)
	}
}

func TestMarkdown(t *testing.T) {
	src := "---\ntitle: \"Summit ends\"\ndate: 2025-08-15\n---\n# Big heading\n\nTrump **met** _Putin_ in [Anchorage](https://x.y).\nStill the same paragraph.\n\n- first item\n- second `code` item\n\n```go\nfunc main() {}\n```\n\n> quoted text\n\n<div>raw html</div>\n"
	md := MarkdownText([]byte(src))
	want := "Big heading\nTrump met Putin in Anchorage. Still the same paragraph.\nfirst item\nsecond code item\nquoted text"
	if md.Text != want {
		t.Errorf("text\n got: %q\nwant: %q", md.Text, want)
	}
	if md.Title != "Summit ends" || md.Date != "2025-08-15" {
		t.Errorf("title %q date %q", md.Title, md.Date)
	}
	if got := MarkdownText([]byte("# Headline here\n\nBody.")).Title; got != "Headline here" {
		t.Errorf("heading title = %q", got)
	}
	if got := MarkdownText([]byte("Intro.\n\n# Later heading\n")).Title; got != "" {
		t.Errorf("non-initial heading became title %q", got)
	}
}

func TestNormalizeDate(t *testing.T) {
	cases := map[string]string{
		"26-FEB-1987 15:01:01.79":         "1987-02-26",
		"2025-08-15":                      "2025-08-15",
		"2025-08-15T23:30:00-08:00":       "2025-08-15",
		"2025-08-15T10:00:00Z":            "2025-08-15",
		"August 15, 2025":                 "2025-08-15",
		"Aug. 15, 2025":                   "2025-08-15",
		"15 August 2025":                  "2025-08-15",
		"Fri, 15 Aug 2025 10:00:00 +0000": "2025-08-15",
		"yesterday":                       "",
		"":                                "",
		"2025-13-45":                      "",
	}
	for in, want := range cases {
		if got := NormalizeDate(in); got != want {
			t.Errorf("NormalizeDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnwrap(t *testing.T) {
	wrapped := "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since early\nJanuary and improving prospects for the coming temporao,\nalthough normal humidity levels have not been restored,\nComissaria Smith said in its weekly review.\n    The dry period means the temporao will be late this year.\n    Arrivals for the week ended February 22 were 155,221 bags\nof 60 kilos."
	got := Unwrap(wrapped)
	want := "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought since early January and improving prospects for the coming temporao, although normal humidity levels have not been restored, Comissaria Smith said in its weekly review.\n    The dry period means the temporao will be late this year.\n    Arrivals for the week ended February 22 were 155,221 bags of 60 kilos."
	if got != want {
		t.Errorf("Unwrap\n got: %q\nwant: %q", got, want)
	}
	// One paragraph per line (web news) stays as it is.
	news := "Alaska summit ends\nTrump and Putin met for three hours in Anchorage on Friday.\n— The White House (@WhiteHouse) August 15, 2025\nPutin invited Trump to Moscow.\nBoth sides called the talks productive."
	if got := Unwrap(news); got != news {
		t.Errorf("Unwrap changed unwrapped text:\n%q", got)
	}
}
