package relations

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/document"
)

// fromCoNLLU builds a document sentence (and its text, words joined by
// single spaces) from a parsed CoNLL-U sentence.
func fromCoNLLU(cs conllu.Sentence) (document.Sentence, string) {
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
	sents, err := conllu.Read(strings.NewReader(strings.Join(lines, "\n") + "\n"))
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

// repoShared returns ../shared relative to the module root, or
// $KG_SHARED_DIR, skipping when the file rel inside it is missing.
func repoShared(t testing.TB, rel string) string {
	t.Helper()
	d := os.Getenv("KG_SHARED_DIR")
	if d == "" {
		dir, err := os.Getwd()
		if err != nil {
			t.Fatal(err)
		}
		for {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				break
			}
			p := filepath.Dir(dir)
			if p == dir {
				t.Skip("go.mod not found")
			}
			dir = p
		}
		d = filepath.Join(dir, "..", "shared")
	}
	p := filepath.Join(d, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not available (set KG_SHARED_DIR): %v", p, err)
	}
	return p
}
