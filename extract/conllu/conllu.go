// Package conllu reads treebanks in the CoNLL-U format of Universal
// Dependencies (https://universaldependencies.org/format.html).
//
// Only basic word lines are kept: multiword-token ranges ("1-2") and empty
// nodes ("8.1") are skipped, because the tagger and parser work on syntactic
// words with a basic tree and never see either. Skipping them keeps every
// consumer free of special cases.
package conllu

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Token is one syntactic word of a sentence.
type Token struct {
	// ID is the 1-based word index within the sentence.
	ID    int
	Form  string
	Lemma string
	UPOS  string
	XPOS  string
	Feats string
	// Head is the 1-based index of the head word, 0 for the root.
	Head   int
	DepRel string
	Misc   string
}

// Sentence is one sentence of a treebank.
type Sentence struct {
	// ID is the value of the "# sent_id =" comment, if any.
	ID string
	// Text is the value of the "# text =" comment, if any.
	Text   string
	Tokens []Token
}

// Words returns the word forms of s.
func (s *Sentence) Words() []string {
	out := make([]string, len(s.Tokens))
	for i, t := range s.Tokens {
		out[i] = t.Form
	}
	return out
}

// UPOS returns the universal POS tags of s.
func (s *Sentence) UPOS() []string {
	out := make([]string, len(s.Tokens))
	for i, t := range s.Tokens {
		out[i] = t.UPOS
	}
	return out
}

// XPOS returns the language-specific (Penn Treebank for English) tags of s.
func (s *Sentence) XPOS() []string {
	out := make([]string, len(s.Tokens))
	for i, t := range s.Tokens {
		out[i] = t.XPOS
	}
	return out
}

// Heads returns the 0-based head index of every word, -1 for the root, the
// convention the parser API uses.
func (s *Sentence) Heads() []int {
	out := make([]int, len(s.Tokens))
	for i, t := range s.Tokens {
		out[i] = t.Head - 1
	}
	return out
}

// Rels returns the dependency relation of every word.
func (s *Sentence) Rels() []string {
	out := make([]string, len(s.Tokens))
	for i, t := range s.Tokens {
		out[i] = t.DepRel
	}
	return out
}

// ReadFile reads every sentence of the CoNLL-U file at path.
func ReadFile(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("conllu: %w", err)
	}
	defer f.Close()
	sents, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("conllu: %s: %w", path, err)
	}
	return sents, nil
}

// Read parses CoNLL-U text. Sentences are separated by blank lines; a
// missing final blank line is accepted. Malformed word lines are reported
// with their line number rather than skipped, so a broken file is noticed.
func Read(r io.Reader) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	var (
		sents []Sentence
		cur   Sentence
		n     int
	)
	flush := func() {
		if len(cur.Tokens) > 0 {
			sents = append(sents, cur)
		}
		cur = Sentence{}
	}
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" {
			flush()
			continue
		}
		if strings.HasPrefix(line, "#") {
			if v, ok := commentValue(line, "sent_id"); ok {
				cur.ID = v
			} else if v, ok := commentValue(line, "text"); ok {
				cur.Text = v
			}
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 10 {
			return nil, fmt.Errorf("line %d: want 10 tab-separated columns, got %d", n, len(cols))
		}
		if strings.ContainsAny(cols[0], "-.") {
			continue // multiword token range or empty node
		}
		id, err := strconv.Atoi(cols[0])
		if err != nil {
			return nil, fmt.Errorf("line %d: bad ID %q: %w", n, cols[0], err)
		}
		if id != len(cur.Tokens)+1 {
			return nil, fmt.Errorf("line %d: word ID %d out of sequence", n, id)
		}
		head := 0
		if cols[6] != "_" {
			head, err = strconv.Atoi(cols[6])
			if err != nil {
				return nil, fmt.Errorf("line %d: bad HEAD %q: %w", n, cols[6], err)
			}
		}
		cur.Tokens = append(cur.Tokens, Token{
			ID: id, Form: cols[1], Lemma: cols[2], UPOS: cols[3], XPOS: cols[4],
			Feats: cols[5], Head: head, DepRel: cols[7], Misc: cols[9],
		})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", n, err)
	}
	flush()
	for i := range sents {
		for _, t := range sents[i].Tokens {
			if t.Head < 0 || t.Head > len(sents[i].Tokens) {
				return nil, fmt.Errorf("sentence %d (%s): word %d has head %d outside the sentence", i+1, sents[i].ID, t.ID, t.Head)
			}
		}
	}
	return sents, nil
}

func commentValue(line, key string) (string, bool) {
	rest := strings.TrimSpace(strings.TrimPrefix(line, "#"))
	if !strings.HasPrefix(rest, key) {
		return "", false
	}
	rest = strings.TrimSpace(rest[len(key):])
	if !strings.HasPrefix(rest, "=") {
		return "", false
	}
	return strings.TrimSpace(rest[1:]), true
}

// Write writes sents in CoNLL-U format (word lines only, with the sent_id
// and text comments when set). Empty columns are written as "_".
func Write(w io.Writer, sents []Sentence) error {
	bw := bufio.NewWriter(w)
	col := func(s string) string {
		if s == "" {
			return "_"
		}
		return s
	}
	for _, s := range sents {
		if s.ID != "" {
			fmt.Fprintf(bw, "# sent_id = %s\n", s.ID)
		}
		if s.Text != "" {
			fmt.Fprintf(bw, "# text = %s\n", s.Text)
		}
		for _, t := range s.Tokens {
			fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t_\t%s\n", t.ID, col(t.Form), col(t.Lemma),
				col(t.UPOS), col(t.XPOS), col(t.Feats), t.Head, col(t.DepRel), col(t.Misc))
		}
		bw.WriteString("\n")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("conllu: write: %w", err)
	}
	return nil
}
