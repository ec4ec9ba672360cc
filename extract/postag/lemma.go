package postag

import (
	"errors"
	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/postag/perceptron"

	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A lemma rule rewrites a word into its lemma: optionally lowercase it,
// strip Strip bytes from the end, append Add. Rules rather than lemma
// strings are learned so that one rule ("strip 3, add y") generalises from
// "parties" to the unseen "authorities".
type rule struct {
	lower bool
	strip int
	add   string
}

func (r rule) String() string {
	c := "k"
	if r.lower {
		c = "l"
	}
	return c + strconv.Itoa(r.strip) + ":" + r.add
}

func parseRule(s string) (rule, bool) {
	if len(s) < 3 || (s[0] != 'k' && s[0] != 'l') {
		return rule{}, false
	}
	num, add, ok := strings.Cut(s[1:], ":")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n < 0 {
		return rule{}, false
	}
	return rule{lower: s[0] == 'l', strip: n, add: add}, true
}

func (r rule) apply(w string) (string, bool) {
	if r.lower {
		w = strings.ToLower(w)
	}
	if r.strip > len(w) {
		return "", false
	}
	return w[:len(w)-r.strip] + r.add, true
}

// ruleFor finds the rule that turns form into lemma, preferring whichever of
// the original and the lowercased form shares the longer prefix with the
// lemma (ties go to lowercase, the common case outside proper nouns).
func ruleFor(form, lemma string) rule {
	best := rule{}
	bestCP := -1
	for _, lower := range []bool{true, false} {
		v := form
		if lower {
			v = strings.ToLower(form)
		}
		cp := 0
		for cp < len(v) && cp < len(lemma) && v[cp] == lemma[cp] {
			cp++
		}
		if cp > bestCP {
			bestCP = cp
			best = rule{lower: lower, strip: len(v) - cp, add: lemma[cp:]}
		}
	}
	return best
}

// maxSuffix is the longest word ending (in bytes) used to choose a rule for
// an unseen word.
const maxSuffix = 6

// lemmatizer holds the learned rules: exact ones for (lowercased word,
// XPOS) pairs seen in training, and suffix-based ones per XPOS for the rest.
type lemmatizer struct {
	// exact holds lemmas for (word, xpos) pairs whose majority lemma the
	// case-insensitive rule gets wrong ("i"/PRP -> "I").
	exact  map[string]string
	known  map[string]rule // lower(word) + "\t" + xpos
	suffix map[string]rule // xpos + "\t" + ending
}

func lemmaKey(a, b string) string { return a + "\t" + b }

func trainLemmatizer(sents []conllu.Sentence) *lemmatizer {
	known := map[string]map[string]int{}
	exact := map[string]map[string]int{}
	types := map[string]string{} // (lower, xpos, rule) seen, for suffix stats per type
	for _, s := range sents {
		for _, t := range s.Tokens {
			if t.Lemma == "" || t.Lemma == "_" {
				continue
			}
			r := ruleFor(t.Form, t.Lemma).String()
			k := lemmaKey(strings.ToLower(t.Form), t.XPOS)
			if known[k] == nil {
				known[k] = map[string]int{}
			}
			known[k][r]++
			ek := lemmaKey(t.Form, t.XPOS)
			if exact[ek] == nil {
				exact[ek] = map[string]int{}
			}
			exact[ek][t.Lemma]++
			types[k+"\t"+r] = r
		}
	}
	l := &lemmatizer{exact: map[string]string{}, known: map[string]rule{}, suffix: map[string]rule{}}
	for k, m := range known {
		r, _ := parseRule(majority(m))
		l.known[k] = r
	}
	for k, m := range exact {
		form, xpos, _ := strings.Cut(k, "\t")
		lemma := majority(m)
		r := l.known[lemmaKey(strings.ToLower(form), xpos)]
		if got, ok := r.apply(form); !ok || got != lemma {
			l.exact[k] = lemma
		}
	}
	stats := map[string]map[string]int{}
	for key, rs := range types {
		parts := strings.SplitN(key, "\t", 3)
		lw, xpos := parts[0], parts[1]
		r, _ := parseRule(rs)
		for k := 0; k <= maxSuffix && k <= len(lw); k++ {
			if r.strip > k {
				continue // the rule rewrites more than this ending shows
			}
			if k > 0 && !utf8.RuneStart(lw[len(lw)-k]) {
				continue
			}
			sk := lemmaKey(xpos, lw[len(lw)-k:])
			if stats[sk] == nil {
				stats[sk] = map[string]int{}
			}
			stats[sk][rs]++
		}
	}
	for k, m := range stats {
		r, _ := parseRule(majority(m))
		l.suffix[k] = r
	}
	return l
}

// majority returns the most frequent key, breaking ties by string order so
// that training is deterministic.
func majority(m map[string]int) string {
	best, bn := "", -1
	for k, n := range m {
		if n > bn || (n == bn && k < best) {
			best, bn = k, n
		}
	}
	return best
}

// lemma returns the lemma of w. known, if set, tells whether a lowercased
// word occurs in raw text (see undoubleL).
func (l *lemmatizer) lemma(w, upos, xpos string, known func(string) bool) string {
	// Keys are built in a stack buffer: a map index with string(bytes)
	// does not allocate, while lemmaKey's concatenation would, up to nine
	// times a word.
	var buf [64]byte
	key := func(a, b string) []byte {
		return append(append(append(buf[:0], a...), '\t'), b...)
	}
	if s, ok := l.exact[string(key(w, xpos))]; ok {
		return s
	}
	lw := strings.ToLower(w)
	if r, ok := l.known[string(key(lw, xpos))]; ok {
		if s, ok := r.apply(w); ok {
			return s
		}
	}
	for k := min(maxSuffix, len(lw)); k >= 0; k-- {
		if k > 0 && !utf8.RuneStart(lw[len(lw)-k]) {
			continue
		}
		if r, ok := l.suffix[string(key(xpos, lw[len(lw)-k:]))]; ok {
			if s, ok := r.apply(w); ok && s != "" {
				return undoubleL(s, xpos, known)
			}
		}
	}
	if upos == "PROPN" {
		return w
	}
	return lw
}

// undoubleL fixes the British doubled "l" of an unseen verb form:
// "signalling", "labelled", "fuelled" end like "calling" and "killed", so
// the suffix rules learned from the (mostly American) treebank strip only
// the ending and give "signall". When that is no word of the raw text but
// the form with one "l" is, the lemma is that form; "calling" keeps
// "call", which is a word.
func undoubleL(s, xpos string, known func(string) bool) string {
	if known == nil || !(xpos == "VBG" || xpos == "VBD" || xpos == "VBN") || !strings.HasSuffix(s, "ll") {
		return s
	}
	ls := strings.ToLower(s)
	if known(ls) || !known(ls[:len(ls)-1]) {
		return s
	}
	return s[:len(s)-1]
}

func (l *lemmatizer) write(e *perceptron.Encoder) {
	ek := make([]string, 0, len(l.exact))
	for k := range l.exact {
		ek = append(ek, k)
	}
	sort.Strings(ek)
	e.Uint(uint64(len(ek)))
	for _, k := range ek {
		e.Str(k)
		e.Str(l.exact[k])
	}
	for _, m := range []map[string]rule{l.known, l.suffix} {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		e.Uint(uint64(len(keys)))
		for _, k := range keys {
			e.Str(k)
			e.Str(m[k].String())
		}
	}
}

func readLemmatizer(d *perceptron.Decoder) *lemmatizer {
	l := &lemmatizer{}
	n := d.Count()
	l.exact = make(map[string]string, n)
	for i := 0; i < n && d.Err() == nil; i++ {
		k := d.Str()
		l.exact[k] = d.Str()
	}
	// Some sixty thousand entries share a few hundred distinct rules:
	// parse each rule once.
	parsed := make(map[string]rule, 1024)
	for _, m := range []*map[string]rule{&l.known, &l.suffix} {
		n := d.Count()
		*m = make(map[string]rule, n)
		for i := 0; i < n && d.Err() == nil; i++ {
			k := d.Str()
			rs := d.Str()
			r, ok := parsed[rs]
			if !ok {
				if r, ok = parseRule(rs); !ok {
					d.Fail(errors.New("bad lemma rule"))
				}
				parsed[rs] = r
			}
			(*m)[k] = r
		}
	}
	return l
}
