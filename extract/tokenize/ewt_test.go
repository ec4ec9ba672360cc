package tokenize

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

type ewtSentence struct {
	text  string
	words []string // gold FORMs of syntactic words
	spans [][2]int // byte spans of the gold words in text
}

// readEWT reads sentences with their raw text and gold word spans. Words of
// a multi-word token ("don't" → do n't) get consecutive sub-spans when their
// forms spell the surface token, else the whole token's span.
func readEWT(t *testing.T, path string) []ewtSentence {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	var out []ewtSentence
	var cur ewtSentence
	type row struct {
		id, form string
	}
	var rows []row
	flush := func() {
		if cur.text == "" {
			rows = rows[:0]
			return
		}
		pos := 0
		align := func(form string) (int, int, bool) {
			for pos < len(cur.text) && (cur.text[pos] == ' ' || cur.text[pos] == '\t') {
				pos++
			}
			if strings.HasPrefix(cur.text[pos:], form) {
				s := pos
				pos += len(form)
				return s, pos, true
			}
			return 0, 0, false
		}
		ok := true
		for i := 0; i < len(rows) && ok; i++ {
			r := rows[i]
			if a, b, found := strings.Cut(r.id, "-"); found {
				var words []string
				j := i + 1
				for ; j < len(rows) && !strings.Contains(rows[j].id, "-") && !strings.Contains(rows[j].id, "."); j++ {
					words = append(words, rows[j].form)
					if rows[j].id == b {
						j++
						break
					}
				}
				_ = a
				s, e, found := align(r.form)
				if !found {
					ok = false
					break
				}
				if strings.Join(words, "") == r.form {
					p := s
					for _, w := range words {
						cur.words = append(cur.words, w)
						cur.spans = append(cur.spans, [2]int{p, p + len(w)})
						p += len(w)
					}
				} else {
					cur.words = append(cur.words, r.form)
					cur.spans = append(cur.spans, [2]int{s, e})
				}
				i = j - 1
				continue
			}
			if strings.Contains(r.id, ".") {
				continue // empty nodes
			}
			s, e, found := align(r.form)
			if !found {
				ok = false
				break
			}
			cur.words = append(cur.words, r.form)
			cur.spans = append(cur.spans, [2]int{s, e})
		}
		if ok {
			out = append(out, cur)
		}
		cur = ewtSentence{}
		rows = rows[:0]
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, "# text = "):
			cur.text = strings.TrimPrefix(line, "# text = ")
		case strings.HasPrefix(line, "#"):
		default:
			cols := strings.Split(line, "\t")
			if len(cols) >= 2 {
				rows = append(rows, row{cols[0], cols[1]})
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	flush()
	return out
}

// TestEWTTokenF1 shows that the tokenizer follows EWT conventions: token
// spans predicted on the raw sentence texts of EWT dev are compared with
// the gold word spans.
func TestEWTTokenF1(t *testing.T) {
	path := sharedFile(t, "data/ud-en-ewt/en_ewt-ud-dev.conllu")
	sents := readEWT(t, path)
	if len(sents) < 1000 {
		t.Fatalf("only %d aligned sentences in %s", len(sents), path)
	}
	var gold, pred, match int
	var shown int
	for _, s := range sents {
		goldSet := make(map[[2]int]bool, len(s.spans))
		for _, sp := range s.spans {
			goldSet[sp] = true
		}
		gold += len(s.spans)
		var predSpans [][2]int
		for _, sent := range Segment(s.text) {
			for _, tok := range sent.Tokens {
				predSpans = append(predSpans, [2]int{tok.Start, tok.End})
			}
		}
		pred += len(predSpans)
		bad := false
		for _, sp := range predSpans {
			if goldSet[sp] {
				match++
			} else {
				bad = true
			}
		}
		if bad && shown < 400 && os.Getenv("KG_SHOW_TOKEN_ERRORS") != "" {
			shown++
			var g, p []string
			for _, sp := range s.spans {
				g = append(g, s.text[sp[0]:sp[1]])
			}
			for _, sp := range predSpans {
				p = append(p, s.text[sp[0]:sp[1]])
			}
			t.Logf("gold: %s\npred: %s", strings.Join(g, " "), strings.Join(p, " "))
		}
	}
	prec, rec, f1 := prf(match, pred, gold)
	t.Logf("EWT dev tokenisation: %d sentences, gold %d, predicted %d, matched %d: P=%.4f R=%.4f F1=%.4f",
		len(sents), gold, pred, match, prec, rec, f1)
	if f1 < 0.97 {
		t.Errorf("token F1 %.4f < 0.97", f1)
	}
}
