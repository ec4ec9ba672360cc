package main

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// extractJSONDocs runs kg extract (json) and decodes its stream of objects.
func extractJSONDocs(t *testing.T, stdin string, args ...string) []jsonDoc {
	t.Helper()
	out, stderr, err := kgRun(t, stdin, append([]string{"extract"}, args...)...)
	if err != nil {
		t.Fatalf("kg extract %s: %v\n%s", strings.Join(args, " "), err, stderr)
	}
	var docs []jsonDoc
	dec := json.NewDecoder(strings.NewReader(out))
	for {
		var d jsonDoc
		if err := dec.Decode(&d); errors.Is(err, io.EOF) {
			return docs
		} else if err != nil {
			t.Fatalf("decode: %v\n%s", err, out)
		}
		docs = append(docs, d)
	}
}

type jsonDoc struct {
	ID       string `json:"id"`
	Entities []struct {
		Name string `json:"name"`
	} `json:"entities"`
	Facts []struct {
		Predicate string `json:"predicate"`
		Args      []struct {
			Role string `json:"role"`
			Text string `json:"text"`
		} `json:"args"`
	} `json:"facts"`
}

func (d jsonDoc) hasArg(text string) bool {
	for _, f := range d.Facts {
		for _, a := range f.Args {
			if a.Text == text {
				return true
			}
		}
	}
	return false
}

func (d jsonDoc) hasFact(pred, role, text string) bool {
	for _, f := range d.Facts {
		if f.Predicate != pred {
			continue
		}
		for _, a := range f.Args {
			if a.Role == role && a.Text == text {
				return true
			}
		}
	}
	return false
}

// kg extract reads its inputs as kg build does: wire copy wrapped at 60
// columns is read as whole sentences, not one sentence per line; each JSONL line
// is a document; HTML is its visible text.
func TestExtractJSONReadsInputsLikeBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the full models")
	}
	dir := t.TempDir()
	wrapped := filepath.Join(dir, "wire.txt")
	if err := os.WriteFile(wrapped, []byte("    The central bank of the republic raised its main\n"+
		"interest rate to 4.5 pct from 4.0 pct on Tuesday, the first\n"+
		"increase in two years, and said inflation would stay above\n"+
		"its target of two pct for most of the coming year.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	docs := extractJSONDocs(t, "", wrapped)
	if len(docs) != 1 || docs[0].ID != wrapped || !docs[0].hasArg("its main interest rate") {
		t.Errorf("wrapped text: want one document with the argument \"its main interest rate\" across the line break, got %+v", docs)
	}

	lines := `{"id": "a", "text": "Lee visited Seoul on Monday."}` + "\n" +
		`{"id": "b", "text": "Kim met Lee in Tokyo."}` + "\n"
	docs = extractJSONDocs(t, lines, "-")
	if len(docs) != 2 || docs[0].ID != "stdin#a" || docs[1].ID != "stdin#b" {
		var ids []string
		for _, d := range docs {
			ids = append(ids, d.ID)
		}
		t.Fatalf("JSONL on stdin: want documents stdin#a, stdin#b, got %q", ids)
	}
	if !docs[0].hasFact("visit", "object", "Seoul") || len(docs[1].Facts) == 0 || docs[1].Facts[0].Args[0].Text != "Kim" {
		t.Errorf("JSONL facts: %+v", docs)
	}

	page := filepath.Join(dir, "page.html")
	if err := os.WriteFile(page, []byte(`<html><head><title>Talks</title><script>var Lee = "met Kim";</script></head>`+
		`<body><nav>Home | World</nav><p>Lee met Kim in Seoul.</p></body></html>`), 0o644); err != nil {
		t.Fatal(err)
	}
	docs = extractJSONDocs(t, "", page)
	for _, d := range docs {
		for _, f := range d.Facts {
			for _, a := range f.Args {
				if strings.Contains(a.Text, "var") || strings.Contains(a.Text, "<") {
					t.Errorf("HTML markup or script in a fact: %+v", f)
				}
			}
		}
	}
	if len(docs) != 1 || !docs[0].hasFact("meet", "object", "Kim") {
		t.Errorf("HTML: want meet(Lee, Kim), got %+v", docs)
	}
}
