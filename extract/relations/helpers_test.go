package relations

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/document"
)

// treeTok and tree are a minimal CoNLL-U reading, enough for tests; kept
// here so the tests depend on nothing but the document types.
type treeTok struct {
	Form, Lemma, UPOS, XPOS, DepRel string
	Head                            int // 1-based, 0 = root
}

type tree struct{ Tokens []treeTok }

// readCoNLLU reads basic word lines (skipping ranges and empty nodes).
func readCoNLLU(r io.Reader) ([]tree, error) {
	var out []tree
	var cur tree
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" {
			if len(cur.Tokens) > 0 {
				out = append(out, cur)
			}
			cur = tree{}
			continue
		}
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 10 {
			return nil, fmt.Errorf("bad CoNLL-U line %q", line)
		}
		if strings.ContainsAny(f[0], "-.") {
			continue
		}
		h, err := strconv.Atoi(f[6])
		if err != nil {
			return nil, fmt.Errorf("bad head in %q: %w", line, err)
		}
		cur.Tokens = append(cur.Tokens, treeTok{Form: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4], Head: h, DepRel: f[7]})
	}
	if len(cur.Tokens) > 0 {
		out = append(out, cur)
	}
	return out, sc.Err()
}

func readCoNLLUFile(t testing.TB, path string) []tree {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	trees, err := readCoNLLU(f)
	if err != nil {
		t.Fatal(err)
	}
	return trees
}

// fromCoNLLU builds a document sentence (and its text, words joined by
// single spaces) from a parsed CoNLL-U sentence.
func fromCoNLLU(cs tree) (document.Sentence, string) {
	var b strings.Builder
	s := document.Sentence{}
	for i, t := range cs.Tokens {
		if i > 0 {
			b.WriteByte(' ')
		}
		start := b.Len()
		b.WriteString(t.Form)
		s.Tokens = append(s.Tokens, document.Token{
			Span: document.Span{Start: start, End: b.Len()}, Text: t.Form,
			SpaceAfter: i < len(cs.Tokens)-1, UPOS: t.UPOS, XPOS: t.XPOS, Lemma: t.Lemma,
			Head: t.Head - 1, DepRel: t.DepRel,
		})
	}
	s.Span = document.Span{Start: 0, End: b.Len()}
	return s, b.String()
}

// parseTree reads a compact tree: one token per line,
// "form lemma UPOS XPOS head deprel" (head 1-based, 0 = root).
func parseTree(t testing.TB, src string) (document.Sentence, string) {
	t.Helper()
	var lines []string
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(src), "\n") {
		f := strings.Fields(l)
		if len(f) != 6 {
			t.Fatalf("bad tree line %q", l)
		}
		n++
		lines = append(lines, strings.Join([]string{itoa(n), f[0], f[1], f[2], f[3], "_", f[4], f[5], "_", "_"}, "\t"))
	}
	sents, err := readCoNLLU(strings.NewReader(strings.Join(lines, "\n") + "\n"))
	if err != nil || len(sents) != 1 {
		t.Fatalf("tree: %v (%d sentences)", err, len(sents))
	}
	return fromCoNLLU(sents[0])
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
