package graph

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/cayleygraph/quad"
	qjson "github.com/cayleygraph/quad/json"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"
	"gonum.org/v1/gonum/graph/formats/dot"
	"gonum.org/v1/gonum/graph/formats/dot/ast"
)

func readAll(t *testing.T, r quad.Reader) []quad.Quad {
	t.Helper()
	var out []quad.Quad
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("read back: %v", err)
		}
		out = append(out, q)
	}
}

// importTwice imports an export into dst and checks that the store then
// holds exactly want, that Import counted them, and that importing the
// same file again adds nothing.
func importTwice(t *testing.T, dst *Store, export []byte, want []string) {
	t.Helper()
	ctx := context.Background()
	n, err := dst.Import(ctx, bytes.NewReader(export), "export.nq")
	if err != nil {
		t.Fatal(err)
	}
	if n != len(want) {
		t.Errorf("Import reported %d quads added, want %d", n, len(want))
	}
	if got := quadSet(t, dst); !slices.Equal(got, want) {
		t.Fatalf("imported store differs from the exported one:\n%v\nwant\n%v", got, want)
	}
	if n, err := dst.Import(ctx, bytes.NewReader(export), "export.nq"); err != nil || n != 0 {
		t.Fatalf("second import = %d, %v; want 0", n, err)
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := loaded(t)
	want := quadSet(t, src)

	var buf bytes.Buffer
	if err := src.Export(ctx, &buf, "nquads"); err != nil {
		t.Fatal(err)
	}
	// The export is plain N-Quads that Cayley's own parser reads back.
	parsed := readAll(t, nquads.NewReader(bytes.NewReader(buf.Bytes()), false))
	if got := setOf(parsed); !slices.Equal(got, want) {
		t.Fatalf("parsed export has %d quads, store has %d", len(got), len(want))
	}

	dst := newBoltStore(t)
	importTwice(t, dst, buf.Bytes(), want)
	// The imported store answers questions like the original.
	facts, err := dst.FactsAbout(ctx, putin.iri)
	if err != nil || len(facts) != 3 {
		t.Fatalf("FactsAbout on the imported store = %d facts, %v", len(facts), err)
	}
}

func TestExportFormatsAreParseable(t *testing.T) {
	ctx := context.Background()
	s := loaded(t)
	all := quadSet(t, s)
	export := func(format string) []byte {
		t.Helper()
		var buf bytes.Buffer
		if err := s.Export(ctx, &buf, format); err != nil {
			t.Fatalf("Export(%s): %v", format, err)
		}
		return buf.Bytes()
	}

	t.Run("jsonld", func(t *testing.T) {
		got := setOf(readAll(t, jsonld.NewReader(bytes.NewReader(export("jsonld")))))
		if len(got) != len(all) {
			t.Fatalf("JSON-LD read back %d quads, want %d", len(got), len(all))
		}
	})
	t.Run("json", func(t *testing.T) {
		got := setOf(readAll(t, qjson.NewReader(bytes.NewReader(export("json")))))
		if !slices.Equal(got, all) {
			t.Fatalf("JSON read back %d quads, want the %d exported", len(got), len(all))
		}
	})
	t.Run("graphml", func(t *testing.T) {
		var doc struct {
			Graph struct {
				Nodes []struct {
					ID string `xml:"id,attr"`
				} `xml:"node"`
				Edges []struct {
					Source string `xml:"source,attr"`
					Target string `xml:"target,attr"`
				} `xml:"edge"`
			} `xml:"graph"`
		}
		if err := xml.Unmarshal(export("graphml"), &doc); err != nil {
			t.Fatalf("GraphML is not XML: %v", err)
		}
		ids := map[string]bool{}
		for _, n := range doc.Graph.Nodes {
			ids[n.ID] = true
		}
		if len(doc.Graph.Edges) != len(all) || len(ids) == 0 {
			t.Fatalf("GraphML has %d edges and %d nodes, want %d edges", len(doc.Graph.Edges), len(ids), len(all))
		}
		for _, e := range doc.Graph.Edges {
			if !ids[e.Source] || !ids[e.Target] {
				t.Fatalf("edge %s→%s refers to an undeclared node", e.Source, e.Target)
			}
		}
	})
	t.Run("dot", func(t *testing.T) {
		f, err := dot.ParseBytes(export("dot"))
		if err != nil {
			t.Fatalf("DOT does not parse: %v", err)
		}
		if len(f.Graphs) != 1 {
			t.Fatalf("DOT has %d graphs", len(f.Graphs))
		}
		edges := 0
		for _, st := range f.Graphs[0].Stmts {
			if _, ok := st.(*ast.EdgeStmt); ok {
				edges++
			}
		}
		if edges != len(all) {
			t.Fatalf("DOT has %d edges, want %d", edges, len(all))
		}
	})
	t.Run("gml", func(t *testing.T) {
		nodes, edges, err := parseGML(string(export("gml")))
		if err != nil {
			t.Fatalf("GML does not parse: %v", err)
		}
		if edges != len(all) || nodes == 0 {
			t.Fatalf("GML has %d edges and %d nodes, want %d edges", edges, nodes, len(all))
		}
	})
	t.Run("unknown", func(t *testing.T) {
		if err := s.Export(ctx, io.Discard, "xlsx"); err == nil {
			t.Fatal("an unknown format was accepted")
		}
	})
}

// parseGML checks GML syntax (key value pairs; values are numbers, quoted
// strings without raw quotes, or bracketed lists) and counts the top-level
// graph's node and edge lists, checking that edges name declared nodes.
func parseGML(s string) (nodes, edges int, err error) {
	var toks []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '[' || c == ']':
			toks = append(toks, string(c))
			i++
		case c == '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return 0, 0, errors.New("unterminated string")
			}
			toks = append(toks, s[i:i+j+2])
			i += j + 2
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t\r\n[]\"", rune(s[j])) {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		}
	}
	ids := map[string]bool{}
	type edge struct{ src, dst string }
	var es []edge
	// list parses "key value ..." up to the closing bracket.
	var list func(pos int, owner string) (int, map[string]string, error)
	list = func(pos int, owner string) (int, map[string]string, error) {
		attrs := map[string]string{}
		for pos < len(toks) && toks[pos] != "]" {
			key := toks[pos]
			if key == "[" || key[0] == '"' || !unicode.IsLetter(rune(key[0])) {
				return 0, nil, errors.New("expected a key, got " + key)
			}
			if pos+1 >= len(toks) {
				return 0, nil, errors.New("key " + key + " has no value")
			}
			if toks[pos+1] == "[" {
				end, sub, err := list(pos+2, key)
				if err != nil {
					return 0, nil, err
				}
				switch {
				case owner == "graph" && key == "node":
					nodes++
					ids[sub["id"]] = true
				case owner == "graph" && key == "edge":
					es = append(es, edge{sub["source"], sub["target"]})
				}
				pos = end + 1
				continue
			}
			attrs[key] = toks[pos+1]
			pos += 2
		}
		if owner != "" && pos >= len(toks) {
			return 0, nil, errors.New("unclosed list " + owner)
		}
		return pos, attrs, nil
	}
	end, _, err := list(0, "")
	if err != nil {
		return 0, 0, err
	}
	if end != len(toks) {
		return 0, 0, errors.New("unbalanced brackets")
	}
	for _, e := range es {
		if !ids[e.src] || !ids[e.dst] {
			return 0, 0, errors.New("edge names an undeclared node")
		}
	}
	return nodes, len(es), nil
}

func TestImportErrorsNameFileLineColumn(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		input   string
		line    int
		column  int
		message string
	}{
		{"<a> <b> <c> .\n\n# comment\n<a> <b> \"unterminated .\n", 4, 0, ""},
		{"<a> <b> <c> .\n  <a> <b> c d .\n", 2, 0, ""},
		{"<a> <b> <c> <d> .\n<a> <b> \"bad \\uZZZZ escape\" .\n", 2, 0, ""},
		{"<a> <b> <c> .\n\"lit\" <b> <c> .\n", 2, 0, "subject"},
		{"<a> <b> <c> .\n<a> <b> <c>\n", 2, 0, "'.'"},
		{"<a> <b> <c> <d> <e> .\n", 1, 0, ""},
	}
	for _, c := range cases {
		s := newBoltStore(t)
		_, err := s.Import(ctx, strings.NewReader(c.input), "data.nq")
		var ie *ImportError
		if !errors.As(err, &ie) {
			t.Errorf("%q: error %v is not an ImportError", c.input, err)
			continue
		}
		if ie.Name != "data.nq" || ie.Line != c.line || ie.Column < 1 {
			t.Errorf("%q: error at %s:%d:%d, want line %d", c.input, ie.Name, ie.Line, ie.Column, c.line)
		}
		if !strings.HasPrefix(err.Error(), "data.nq:") {
			t.Errorf("error %q does not start with the file name", err)
		}
		if c.message != "" && !strings.Contains(err.Error(), c.message) {
			t.Errorf("error %q does not mention %q", err, c.message)
		}
	}
	// The column points at the offending character.
	s := newBoltStore(t)
	_, err := s.Import(ctx, strings.NewReader("  <a> <b> ?c .\n"), "x.nq")
	var ie *ImportError
	if !errors.As(err, &ie) || ie.Column != 11 {
		t.Fatalf("error %v: want column 11 (the '?')", err)
	}
}
