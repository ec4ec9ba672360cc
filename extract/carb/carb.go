// Package carb re-implements the CaRB Open-IE benchmark scorer
// (dair-iitd/CaRB, commit 024e0e9, default matcher
// binary_linient_tuple_match). Published Open-IE numbers are only comparable
// when they come from exactly this scorer — matcher variants move F1 by ~7
// points — so every quirk of the reference is reproduced on purpose:
// case-sensitive multiset word matching, the "be" bonus in relations, the
// "said"-type argument reversal, the greedy one-to-one precision matching,
// and the per-sentence threshold bookkeeping of the precision/recall curve.
//
// The package also writes CaRB's tabbed system format so extractors can be
// scored by the original Python tool as well.
package carb

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Extraction is one tuple: a relation phrase and its arguments, as
// whitespace-tokenised text. Gold extractions have Confidence 1.
type Extraction struct {
	Rel        string
	Args       []string
	Confidence float64
}

// Set holds extractions per sentence, keyed by the normalised sentence
// (see NormalizeKey), in first-seen sentence order.
type Set struct {
	keys  []string
	bySen map[string][]Extraction
	// raw keeps one original sentence text per key, for reports.
	raw map[string]string
}

// NewSet returns an empty set.
func NewSet() *Set {
	return &Set{bySen: map[string][]Extraction{}, raw: map[string]string{}}
}

// Keys returns the normalised sentence keys in first-seen order.
func (s *Set) Keys() []string { return s.keys }

// Get returns the extractions for a normalised sentence key.
func (s *Set) Get(key string) []Extraction { return s.bySen[key] }

// Sentence returns the original text of the sentence with that key.
func (s *Set) Sentence(key string) string { return s.raw[key] }

// Len returns the total number of extractions.
func (s *Set) Len() int {
	n := 0
	for _, k := range s.keys {
		n += len(s.bySen[k])
	}
	return n
}

// add appends e under the raw sentence text. Readers group by raw text
// first and normalise afterwards (see replaceGroups), as the reference does.
func (s *Set) add(key, raw string, e Extraction) {
	if _, ok := s.bySen[key]; !ok {
		s.keys = append(s.keys, key)
		s.raw[key] = raw
	}
	s.bySen[key] = append(s.bySen[key], e)
}

// Add records an extraction for a sentence, normalising its key.
func (s *Set) Add(sentence string, e Extraction) {
	s.add(NormalizeKey(sentence), sentence, e)
}

// rawGroups mirrors the reference readers: extractions are first grouped by
// the exact sentence string, then the dictionary is re-keyed by the
// normalised sentence, so when two different raw strings normalise to the
// same key the later group REPLACES the earlier one (it does not merge).
type rawGroups struct {
	order []string
	m     map[string][]Extraction
}

func (g *rawGroups) add(raw string, e Extraction) {
	if g.m == nil {
		g.m = map[string][]Extraction{}
	}
	if _, ok := g.m[raw]; !ok {
		g.order = append(g.order, raw)
	}
	g.m[raw] = append(g.m[raw], e)
}

func (g *rawGroups) normalise() *Set {
	s := NewSet()
	for _, raw := range g.order {
		k := NormalizeKey(raw)
		if _, ok := s.bySen[k]; !ok {
			s.keys = append(s.keys, k)
		}
		s.bySen[k] = g.m[raw]
		s.raw[k] = raw
	}
	return s
}

// ptbEscapes are the bracket escapes the reference undoes before removing
// punctuation, so "-LRB-" and "(" give the same key.
var ptbEscapes = strings.NewReplacer(
	"-LRB-", "(", "-RRB-", ")", "-LSB-", "[", "-RSB-", "]", "-LCB-", "{", "-RCB-", "}",
)

// NormalizeKey maps a sentence to the key both gold and system files are
// joined on: spaces removed, PTB bracket escapes undone, and every ASCII
// punctuation character (Python's string.punctuation) deleted. This makes
// the join robust to tokenisation differences in punctuation.
func NormalizeKey(s string) string {
	s = strings.ReplaceAll(s, " ", "")
	s = unescapePTB(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isASCIIPunct(c) {
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// unescapePTB applies the reference's replacements one escape at a time in
// its order ("(" first), which for these non-overlapping escapes equals a
// single pass.
func unescapePTB(s string) string {
	if !strings.Contains(s, "-") {
		return s
	}
	return ptbEscapes.Replace(s)
}

func isASCIIPunct(c byte) bool {
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~')
}

// pyStrip trims what Python's str.strip() trims (Unicode whitespace).
func pyStrip(s string) string { return strings.TrimSpace(s) }

// ReadGold reads CaRB gold tuples: `sentence TAB rel TAB arg1 [TAB argN…]`.
// Arguments containing "C: " (context/attribution annotations) are dropped,
// as in the reference gold reader; "T: " and "L: " arguments are kept
// verbatim.
func ReadGold(r io.Reader) (*Set, error) {
	var g rawGroups
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := pyStrip(sc.Text())
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 {
			return nil, fmt.Errorf("carb gold line %d: want sentence and relation, got %d field(s)", n, len(f))
		}
		e := Extraction{Rel: pyStrip(f[1]), Confidence: 1}
		for _, a := range f[2:] {
			a = pyStrip(a)
			if strings.Contains(a, "C: ") {
				continue
			}
			e.Args = append(e.Args, a)
		}
		g.add(pyStrip(f[0]), e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("carb gold line %d: %w", n, err)
	}
	return g.normalise(), nil
}

// ReadSystem reads CaRB's tabbed system format:
// `sentence TAB confidence TAB rel TAB arg1 [TAB argN…]`.
func ReadSystem(r io.Reader) (*Set, error) {
	var g rawGroups
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := pyStrip(sc.Text())
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			return nil, fmt.Errorf("carb system line %d: want sentence, confidence and relation, got %d field(s)", n, len(f))
		}
		conf, err := strconv.ParseFloat(pyStrip(f[1]), 64)
		if err != nil {
			return nil, fmt.Errorf("carb system line %d: bad confidence %q: %w", n, f[1], err)
		}
		e := Extraction{Rel: f[2], Confidence: conf}
		e.Args = append(e.Args, f[3:]...)
		g.add(f[0], e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("carb system line %d: %w", n, err)
	}
	return g.normalise(), nil
}

// ReadGoldFile and ReadSystemFile open path and call ReadGold / ReadSystem.
func ReadGoldFile(path string) (*Set, error) { return readFile(path, ReadGold) }

// ReadSystemFile opens path and calls ReadSystem.
func ReadSystemFile(path string) (*Set, error) { return readFile(path, ReadSystem) }

func readFile(path string, read func(io.Reader) (*Set, error)) (*Set, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("carb: %w", err)
	}
	defer f.Close()
	s, err := read(f)
	if err != nil {
		return nil, fmt.Errorf("carb: %s: %w", path, err)
	}
	return s, nil
}

// WriteTabbed writes one extraction in the tabbed system format. Tabs and
// newlines inside fields would break the format, so they become spaces.
func WriteTabbed(w io.Writer, sentence string, e Extraction) error {
	var b strings.Builder
	b.WriteString(clean(sentence))
	b.WriteByte('\t')
	b.WriteString(strconv.FormatFloat(e.Confidence, 'f', -1, 64))
	b.WriteByte('\t')
	b.WriteString(clean(e.Rel))
	for _, a := range e.Args {
		b.WriteByte('\t')
		b.WriteString(clean(a))
	}
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

func clean(s string) string {
	if !strings.ContainsAny(s, "\t\n\r") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}
