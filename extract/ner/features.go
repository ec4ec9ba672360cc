package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-project/kg/extract/document"
)

// entityTypes are the types the model predicts, in tag order.
var entityTypes = []document.EntityType{
	document.Person, document.Org, document.GPE, document.Loc, document.NORP,
	document.Date, document.Time, document.Event, document.Artifact, document.Natural,
}

const (
	numTypes = 10
	// numTags counts O plus B- and I- for every type. Tag 0 is O, tag
	// 1+2k is B-type k and 2+2k is I-type k.
	numTags    = 1 + 2*numTypes
	typePerson = document.Person
)

var typeIndex = func() map[string]int {
	m := map[string]int{}
	for i, t := range entityTypes {
		m[string(t)] = i
	}
	return m
}()

// tagNames are the IOB2 names of the tags.
var tagNames = func() []string {
	n := []string{"O"}
	for _, t := range entityTypes {
		n = append(n, "B-"+string(t), "I-"+string(t))
	}
	return n
}()

func tagIndex(name string) int {
	p, typ := splitTag(name)
	k, ok := typeIndex[typ]
	if p == 'O' || !ok {
		return 0
	}
	if p == 'B' {
		return 1 + 2*k
	}
	return 2 + 2*k
}

// allowed reports whether tag b may follow tag a (a = -1 at the start):
// I-X only continues B-X or I-X.
func allowed(a, b int) bool {
	if b == 0 || b%2 == 1 {
		return true
	}
	return a > 0 && (a == b || a == b-1)
}

// FNV-1a, inlined so that feature hashing allocates nothing.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func hashByte(h uint64, b byte) uint64 {
	h ^= uint64(b)
	h *= fnvPrime
	return h
}

// Feature template ids. Each feature is hash(template, values...).
const (
	fBias byte = iota + 1
	fWord
	fLower
	fShape
	fPre3
	fSuf2
	fSuf3
	fSuf4
	fPrevLower
	fNextLower
	fPrev2Lower
	fNext2Lower
	fPrevShape
	fNextShape
	fPrevLowerLower
	fLowerNextLower
	fShape3
	fStyle
	fStyleShape
	fStyleCap
	fCap
	fCapShape
	fFirstShape
	fGaz
	fGazBucket
	fPrevGaz
	fNextGaz
	fWordInfo
	fPrevWordInfo
	fNextWordInfo
	fFirstName
	fLastName
	fPrevFirstName
	fNextLastName
	fPrevTitle
	fTitle
	fPrevCapShape
	fNextCapShape
)

// sentFeats holds the per-sentence views the templates read.
type sentFeats struct {
	lower []string
	shape []string
	// buf and ends back lower: all lower-cased words are built in one
	// buffer and turned into one string per sentence.
	buf  []byte
	ends []int
	// shapes interns shape strings so that they are not allocated per
	// token; it stops growing at maxShapes.
	shapes map[string]string
	lex    []lexEntry
	gaz    []gazMark
	style  byte
	hashes []uint64 // scratch for one token's features
}

// shapeOf collapses a word into its character classes: "Putin" → "Xx",
// "U.S." → "X.X.", "2025" → "d", "COVID-19" → "X-d". Runs of one class
// collapse to one symbol so the shape vocabulary stays small.
func shapeOf(w string) string { return string(appendShape(nil, w)) }

func appendShape(b []byte, w string) []byte {
	var last byte
	n := 0
	for _, r := range w {
		var c byte
		switch {
		case r < 0x80:
			switch {
			case r >= 'A' && r <= 'Z':
				c = 'X'
			case r >= 'a' && r <= 'z':
				c = 'x'
			case r >= '0' && r <= '9':
				c = 'd'
			default:
				c = byte(r)
			}
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = '*'
		}
		if c != last {
			b = append(b, c)
			last = c
			n++
			if n >= 6 {
				break
			}
		}
	}
	return b
}

// appendLower appends the lower-case form of w.
func appendLower(b []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return append(b, strings.ToLower(w)...)
		}
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// sentenceStyle classifies how a sentence uses capitals, because names look
// different in each: 'L' no capitals at all (chat, lower-cased text), 'U'
// all capitals, 'T' headline case (most longer words capitalised), 'N'
// ordinary prose.
func sentenceStyle(words []string) byte {
	anyUpper, allUpper := false, true
	alpha, long, longCap := 0, 0, 0
	for i, w := range words {
		if !hasLetter(w) {
			continue
		}
		alpha++
		up, low := false, false
		for _, r := range w {
			if unicode.IsUpper(r) {
				up = true
			} else if unicode.IsLower(r) {
				low = true
			}
		}
		if up {
			anyUpper = true
		}
		if low {
			allUpper = false
		}
		if i > 0 && utf8.RuneCountInString(w) >= 4 {
			long++
			r, _ := utf8.DecodeRuneInString(w)
			if unicode.IsUpper(r) {
				longCap++
			}
		}
	}
	switch {
	case alpha == 0:
		return 'N'
	case !anyUpper:
		return 'L'
	case allUpper && alpha >= 3:
		return 'U'
	case long >= 3 && 4*longCap >= 3*long:
		return 'T'
	}
	return 'N'
}

const maxShapes = 4096

// prepare fills the per-sentence views for words.
func (sf *sentFeats) prepare(words []string, lx *lexicon) {
	n := len(words)
	sf.lower = resizeStrings(sf.lower, n)
	sf.shape = resizeStrings(sf.shape, n)
	if cap(sf.lex) < n {
		sf.lex = make([]lexEntry, n)
		sf.gaz = make([]gazMark, n)
	}
	sf.lex = sf.lex[:n]
	sf.gaz = sf.gaz[:n]
	if sf.shapes == nil {
		sf.shapes = make(map[string]string)
	}
	sf.buf, sf.ends = sf.buf[:0], sf.ends[:0]
	for _, w := range words {
		sf.buf = appendLower(sf.buf, w)
		sf.ends = append(sf.ends, len(sf.buf))
	}
	all := string(sf.buf)
	start := 0
	for i, w := range words {
		sf.lower[i] = all[start:sf.ends[i]]
		start = sf.ends[i]
		sf.buf = appendShape(sf.buf[:0], w)
		shape, ok := sf.shapes[string(sf.buf)]
		if !ok {
			shape = string(sf.buf)
			if len(sf.shapes) < maxShapes {
				sf.shapes[shape] = shape
			}
		}
		sf.shape[i] = shape
		if e, ok := lx.vocab[sf.lower[i]]; ok {
			sf.lex[i] = e
		} else {
			sf.lex[i] = lexEntry{capr: 'u'}
		}
	}
	lx.match(sf.lower, sf.lex, sf.gaz)
	sf.style = sentenceStyle(words)
}

func resizeStrings(s []string, n int) []string {
	if cap(s) < n {
		return make([]string, n)
	}
	return s[:n]
}

// tokenFeatures returns all feature hashes of token i (in sf.hashes).
func (sf *sentFeats) tokenFeatures(words []string, i int, lx *lexicon) []uint64 {
	h := sf.wordFeatures(sf.hashes[:0], words, i)
	h = sf.contextFeatures(h, words, i)
	sf.hashes = h
	return h
}

func tmpl(id byte) uint64 { return hashByte(fnvOffset, id) }

func feat1(id byte, a string) uint64 { return hashString(tmpl(id), a) }

func feat2(id byte, a, b string) uint64 {
	return hashString(hashByte(hashString(tmpl(id), a), 0), b)
}

func featBytes(id byte, bs ...byte) uint64 {
	x := tmpl(id)
	for _, b := range bs {
		x = hashByte(x, b)
	}
	return x
}

// wordFeatures appends the features that depend only on the word itself
// and the sentence's casing style. Their summed weights can therefore be
// cached per (style, word); see Recognizer.emissions.
func (sf *sentFeats) wordFeatures(h []uint64, words []string, i int) []uint64 {
	lw := sf.lower[i]
	shape := sf.shape[i]
	e := &sf.lex[i]
	h = append(h,
		tmpl(fBias),
		feat1(fWord, words[i]),
		feat1(fLower, lw),
		feat1(fShape, shape),
		featBytes(fStyle, sf.style),
		hashString(featBytes(fStyleShape, sf.style), shape),
		featBytes(fStyleCap, sf.style, e.capr),
		featBytes(fCap, e.capr),
		hashString(featBytes(fCapShape, e.capr), shape),
	)
	if len(lw) >= 4 {
		h = append(h, feat1(fPre3, prefixBytes(lw, 3)))
	}
	if len(lw) >= 3 {
		h = append(h, feat1(fSuf2, lw[len(lw)-2:]), feat1(fSuf3, lw[len(lw)-3:]))
	}
	if len(lw) >= 5 {
		h = append(h, feat1(fSuf4, lw[len(lw)-4:]))
	}
	if e.hasInfo {
		h = append(h, featBytes(fWordInfo, e.info.typ, e.info.bucket))
		if e.info.first {
			h = append(h, tmpl(fFirstName))
		}
		if e.info.last {
			h = append(h, tmpl(fLastName))
		}
	}
	if e.title {
		h = append(h, tmpl(fTitle))
	}
	return h
}

// contextFeatures appends the features that look at the neighbours, the
// position or gazetteer matches.
func (sf *sentFeats) contextFeatures(h []uint64, words []string, i int) []uint64 {
	n := len(words)
	lw := sf.lower[i]
	prevL, nextL, prev2L, next2L := "<s>", "</s>", "<s>", "</s>"
	prevS, nextS := "<s>", "</s>"
	var prevC, nextC byte = 's', 's'
	if i > 0 {
		prevL, prevS, prevC = sf.lower[i-1], sf.shape[i-1], sf.lex[i-1].capr
	}
	if i > 1 {
		prev2L = sf.lower[i-2]
	}
	if i+1 < n {
		nextL, nextS, nextC = sf.lower[i+1], sf.shape[i+1], sf.lex[i+1].capr
	}
	if i+2 < n {
		next2L = sf.lower[i+2]
	}
	shape := sf.shape[i]
	h = append(h,
		feat1(fPrevLower, prevL),
		feat1(fNextLower, nextL),
		feat1(fPrev2Lower, prev2L),
		feat1(fNext2Lower, next2L),
		feat1(fPrevShape, prevS),
		feat1(fNextShape, nextS),
		feat2(fPrevLowerLower, prevL, lw),
		feat2(fLowerNextLower, lw, nextL),
		hashString(feat2(fShape3, prevS, shape), nextS),
		hashString(featBytes(fPrevCapShape, prevC), prevS),
		hashString(featBytes(fNextCapShape, nextC), nextS),
	)
	if i == 0 {
		h = append(h, feat1(fFirstShape, shape))
	}
	if g := sf.gaz[i]; g.ok {
		h = append(h, featBytes(fGaz, g.typ, g.pos), featBytes(fGazBucket, g.typ, g.pos, g.bucket))
	}
	if i > 0 && sf.gaz[i-1].ok {
		h = append(h, featBytes(fPrevGaz, sf.gaz[i-1].typ, sf.gaz[i-1].pos))
	}
	if i+1 < n && sf.gaz[i+1].ok {
		h = append(h, featBytes(fNextGaz, sf.gaz[i+1].typ, sf.gaz[i+1].pos))
	}
	if i > 0 {
		if e := &sf.lex[i-1]; e.hasInfo {
			h = append(h, featBytes(fPrevWordInfo, e.info.typ, e.info.bucket))
			if e.info.first {
				h = append(h, tmpl(fPrevFirstName))
			}
		}
		if sf.lex[i-1].title {
			h = append(h, tmpl(fPrevTitle))
		}
	}
	if i+1 < n {
		if e := &sf.lex[i+1]; e.hasInfo {
			h = append(h, featBytes(fNextWordInfo, e.info.typ, e.info.bucket))
			if e.info.last {
				h = append(h, tmpl(fNextLastName))
			}
		}
	}
	return h
}

// The features of token i that come from one neighbour depend on that
// neighbour's word alone, so their summed weights can be cached per word
// too. contextFeatures is the reference (and what training uses); the
// functions below split the same features into the neighbour groups and
// the rest, and a test checks that the two agree.

// asLeft appends the features word j contributes to token j+1, or, for
// j < 0, those of the sentence start.
func (sf *sentFeats) asLeft(h []uint64, j int) []uint64 {
	if j < 0 {
		return append(h, feat1(fPrevLower, "<s>"), feat1(fPrevShape, "<s>"),
			hashString(featBytes(fPrevCapShape, 's'), "<s>"))
	}
	h = append(h, feat1(fPrevLower, sf.lower[j]), feat1(fPrevShape, sf.shape[j]),
		hashString(featBytes(fPrevCapShape, sf.lex[j].capr), sf.shape[j]))
	if e := &sf.lex[j]; e.hasInfo {
		h = append(h, featBytes(fPrevWordInfo, e.info.typ, e.info.bucket))
		if e.info.first {
			h = append(h, tmpl(fPrevFirstName))
		}
	}
	if sf.lex[j].title {
		h = append(h, tmpl(fPrevTitle))
	}
	return h
}

// asRight appends the features word j contributes to token j-1, or, for
// j past the end, those of the sentence end.
func (sf *sentFeats) asRight(h []uint64, j int) []uint64 {
	if j >= len(sf.lower) {
		return append(h, feat1(fNextLower, "</s>"), feat1(fNextShape, "</s>"),
			hashString(featBytes(fNextCapShape, 's'), "</s>"))
	}
	h = append(h, feat1(fNextLower, sf.lower[j]), feat1(fNextShape, sf.shape[j]),
		hashString(featBytes(fNextCapShape, sf.lex[j].capr), sf.shape[j]))
	if e := &sf.lex[j]; e.hasInfo {
		h = append(h, featBytes(fNextWordInfo, e.info.typ, e.info.bucket))
		if e.info.last {
			h = append(h, tmpl(fNextLastName))
		}
	}
	return h
}

// asLeft2 and asRight2 are the features of the word two positions away.
func (sf *sentFeats) asLeft2(h []uint64, j int) []uint64 {
	if j < 0 {
		return append(h, feat1(fPrev2Lower, "<s>"))
	}
	return append(h, feat1(fPrev2Lower, sf.lower[j]))
}

func (sf *sentFeats) asRight2(h []uint64, j int) []uint64 {
	if j >= len(sf.lower) {
		return append(h, feat1(fNext2Lower, "</s>"))
	}
	return append(h, feat1(fNext2Lower, sf.lower[j]))
}

// pairFeatures appends the context features of token i that no single
// neighbour determines: word pairs, the shape trigram, the sentence start
// and gazetteer matches.
func (sf *sentFeats) pairFeatures(h []uint64, i int) []uint64 {
	n := len(sf.lower)
	lw, shape := sf.lower[i], sf.shape[i]
	prevL, nextL, prevS, nextS := "<s>", "</s>", "<s>", "</s>"
	if i > 0 {
		prevL, prevS = sf.lower[i-1], sf.shape[i-1]
	}
	if i+1 < n {
		nextL, nextS = sf.lower[i+1], sf.shape[i+1]
	}
	h = append(h,
		feat2(fPrevLowerLower, prevL, lw),
		feat2(fLowerNextLower, lw, nextL),
		hashString(feat2(fShape3, prevS, shape), nextS),
	)
	if i == 0 {
		h = append(h, feat1(fFirstShape, shape))
	}
	if g := sf.gaz[i]; g.ok {
		h = append(h, featBytes(fGaz, g.typ, g.pos), featBytes(fGazBucket, g.typ, g.pos, g.bucket))
	}
	if i > 0 && sf.gaz[i-1].ok {
		h = append(h, featBytes(fPrevGaz, sf.gaz[i-1].typ, sf.gaz[i-1].pos))
	}
	if i+1 < n && sf.gaz[i+1].ok {
		h = append(h, featBytes(fNextGaz, sf.gaz[i+1].typ, sf.gaz[i+1].pos))
	}
	return h
}

// prefixBytes returns the first n runes of s.
func prefixBytes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
