package postag

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-project/kg/extract/postag/perceptron"
	"github.com/kg-project/kg/extract/postag/wordclass"
)

// wordAtoms are the per-word hashes that tagger features combine. They are
// computed once per word so that building the ~35 features of a position
// costs only integer mixing, never string work.
type wordAtoms struct {
	form, lower, shape uint64
	pre                [3]uint64 // prefixes of 1..3 runes (lowercased)
	suf                [4]uint64 // suffixes of 1..4 runes (lowercased)
	flags              uint64
	// amb is the word's ambiguity class: the set of XPOS tags it was seen
	// with in training (hashed; padAtoms value for unseen words). It lets
	// the greedy tagger look at what the NEXT words can be without a
	// second pass.
	amb uint64
	// cf and cc are the word's fine class and coarse group learned from
	// raw text (package wordclass); noClass when it has none.
	cf, cc uint64
}

const noClass = 3

const (
	flagDigit = 1 << iota
	flagHyphen
	flagUpperFirst
	flagAllUpper
	flagFirstWord
	flagPunctOnly
	flagLong
)

var padAtoms = wordAtoms{form: 1, lower: 1, shape: 1, pre: [3]uint64{1, 1, 1}, suf: [4]uint64{1, 1, 1, 1}, flags: 1, amb: 1, cf: 1, cc: 1}

func computeAtoms(w string, first bool, lex map[string]uint64, classes *wordclass.Classes, out *wordAtoms) {
	lw := strings.ToLower(w)
	if f, c, ok := classes.Lookup(lw); ok {
		out.cf, out.cc = uint64(f)+10, uint64(c)+10
	} else {
		out.cf, out.cc = noClass, noClass
	}
	if m, ok := lex[lw]; ok {
		out.amb = perceptron.Mix(m, 7)
	} else {
		out.amb = 0
	}
	out.form = perceptron.Hash(w)
	out.lower = perceptron.Hash(lw)
	// Prefixes and suffixes by rune, so that multi-byte letters stay whole.
	n := utf8.RuneCountInString(lw)
	for k := 1; k <= 3; k++ {
		if k > n {
			out.pre[k-1] = out.lower
			continue
		}
		end := 0
		for i := 0; i < k; i++ {
			_, sz := utf8.DecodeRuneInString(lw[end:])
			end += sz
		}
		out.pre[k-1] = perceptron.Hash(lw[:end])
	}
	for k := 1; k <= 4; k++ {
		if k > n {
			out.suf[k-1] = out.lower
			continue
		}
		start := len(lw)
		for i := 0; i < k; i++ {
			_, sz := utf8.DecodeLastRuneInString(lw[:start])
			start -= sz
		}
		out.suf[k-1] = perceptron.Hash(lw[start:])
	}
	// Shape: X for upper, x lower, d digit, the character itself otherwise;
	// runs longer than two are collapsed ("Xxxxx" -> "Xxx"... -> "Xxx").
	var h uint64 = 0xcbf29ce484222325
	var last rune = -1
	run := 0
	var flags uint64
	upper, letters, punct := 0, 0, 0
	for _, r := range w {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
			upper++
			letters++
		case unicode.IsLetter(r):
			c = 'x'
			letters++
		case unicode.IsDigit(r):
			c = 'd'
			flags |= flagDigit
		default:
			c = r
			if r == '-' {
				flags |= flagHyphen
			}
			if unicode.IsPunct(r) || unicode.IsSymbol(r) {
				punct++
			}
		}
		if c == last {
			run++
			if run > 2 {
				continue
			}
		} else {
			run = 1
			last = c
		}
		h = perceptron.Mix(h, uint64(c))
	}
	out.shape = h
	if first, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(first) {
		flags |= flagUpperFirst
	}
	if letters > 0 && upper == letters {
		flags |= flagAllUpper
	}
	if first {
		flags |= flagFirstWord
	}
	if punct == n && n > 0 {
		flags |= flagPunctOnly
	}
	if n > 12 {
		flags |= flagLong
	}
	out.flags = flags + 2 // never 0 or 1, which mark padding
}

// Feature templates. The numbers only need to be distinct.
const (
	tBias uint64 = iota + 1
	tW
	tForm
	tPre1
	tPre2
	tPre3
	tSuf1
	tSuf2
	tSuf3
	tSuf4
	tShape
	tFlags
	tP1
	tP2
	tP1P2
	tP1W
	tWm1
	tWm2
	tWp1
	tWp2
	tSufm1
	tSufp1
	tSuf2p1
	tWm1W
	tWWp1
	tP1Wp1
	tShapem1
	tShapep1
	tWp1Wp2
	tP1Suf3
	tWm2Wm1
	tFlagsP1
	tFormm1
	tFormp1
	tSufp2
	tAmb
	tAmbp1
	tAmbp2
	tAmbm1
	tAmbAmbp1
	tP1Amb
	tP1Ambp1
	tFlagsm1
	tFlagsp1
	tFlagsFlagsp1
	tC
	tCm1
	tCp1
	tCCp2
	tP1C
	tCCp1
	tCCm1Ccp1
)

func f1(t, a uint64) uint64    { return perceptron.Mix(perceptron.Mix(t, a), 0) }
func f2(t, a, b uint64) uint64 { return perceptron.Mix(perceptron.Mix(t, a), b) }

// features appends the features of position i to dst. atoms has two
// padding entries on each side (atoms[i+2] is word i); p1 and p2 are the
// classes (+1, 0 for none) predicted for the previous two words.
func features(dst []uint64, atoms []wordAtoms, i int, p1, p2 uint64) []uint64 {
	a := &atoms[i+2]
	m1, m2 := &atoms[i+1], &atoms[i]
	n1, n2 := &atoms[i+3], &atoms[i+4]
	return append(dst,
		f1(tBias, 1),
		f1(tW, a.lower),
		f1(tForm, a.form),
		f1(tPre1, a.pre[0]),
		f1(tPre2, a.pre[1]),
		f1(tPre3, a.pre[2]),
		f1(tSuf1, a.suf[0]),
		f1(tSuf2, a.suf[1]),
		f1(tSuf3, a.suf[2]),
		f1(tSuf4, a.suf[3]),
		f1(tShape, a.shape),
		f1(tFlags, a.flags),
		f1(tP1, p1),
		f1(tP2, p2),
		f2(tP1P2, p1, p2),
		f2(tP1W, p1, a.lower),
		f1(tWm1, m1.lower),
		f1(tWm2, m2.lower),
		f1(tWp1, n1.lower),
		f1(tWp2, n2.lower),
		f1(tSufm1, m1.suf[2]),
		f1(tSufp1, n1.suf[2]),
		f1(tSuf2p1, n1.suf[1]),
		f2(tWm1W, m1.lower, a.lower),
		f2(tWWp1, a.lower, n1.lower),
		f2(tP1Wp1, p1, n1.lower),
		f1(tShapem1, m1.shape),
		f1(tShapep1, n1.shape),
		f2(tWp1Wp2, n1.lower, n2.lower),
		f2(tP1Suf3, p1, a.suf[2]),
		f2(tWm2Wm1, m2.lower, m1.lower),
		f2(tFlagsP1, a.flags, p1),
		f1(tFormm1, m1.form),
		f1(tFormp1, n1.form),
		f1(tSufp2, n2.suf[2]),
		f1(tAmb, a.amb),
		f1(tAmbp1, n1.amb),
		f1(tAmbp2, n2.amb),
		f1(tAmbm1, m1.amb),
		f2(tAmbAmbp1, a.amb, n1.amb),
		f2(tP1Amb, p1, a.amb),
		f2(tP1Ambp1, p1, n1.amb),
		f1(tFlagsm1, m1.flags),
		f1(tFlagsp1, n1.flags),
		f2(tFlagsFlagsp1, a.flags, n1.flags),
		f1(tC, a.cf),
		f1(tCm1, m1.cf),
		f1(tCp1, n1.cf),
		f1(tCCp2, n2.cc),
		f2(tP1C, p1, a.cf),
		f2(tCCp1, a.cc, n1.cc),
		f2(tCCm1Ccp1, m1.cc, n1.cc),
	)
}

// secondPassFeatures appends the features of the second-pass model at
// position i: the first pass's tags around i (secondFeatures) and a third
// of the first pass's own features: the word alone, the two previous tags
// and their combinations with the word, the adjacent words. With all 52
// first-pass features instead, dev UPOS was lower (95.18 against 95.33
// re-scoring every word): the second pass then leaned on the same word
// features as the first and less on the tags to the right, which are what
// it is for; it also cost twice the lookups.
func secondPassFeatures(dst []uint64, atoms []wordAtoms, first []int, i int, p1, p2 uint64) []uint64 {
	a := &atoms[i+2]
	m1, n1 := &atoms[i+1], &atoms[i+3]
	dst = asSelf(dst, a)
	dst = prevTags(dst, p1, p2)
	dst = append(dst,
		f2(tP1W, p1, a.lower),
		f2(tP1Amb, p1, a.amb),
		f2(tP1Suf3, p1, a.suf[2]),
		f1(tWm1, m1.lower),
		f1(tWp1, n1.lower),
		f2(tWWp1, a.lower, n1.lower),
		f1(tAmbp1, n1.amb),
	)
	return secondFeatures(dst, atoms, first, i, p1)
}

// Second-pass templates.
const (
	tA0 uint64 = iota + 200
	tA1
	tA2
	tAm1
	tA1A2
	tP1A1
	tA0A1
	tWA0
	tWA1
	tSufA1
)

// secondFeatures appends the features that only the second pass has: the
// first pass's classes (+1; 0 past the sentence end) of words i-1..i+2.
func secondFeatures(dst []uint64, atoms []wordAtoms, first []int, i int, p1 uint64) []uint64 {
	at := func(j int) uint64 {
		if j < 0 || j >= len(first) {
			return 0
		}
		return uint64(first[j]) + 1
	}
	a0, a1, a2, am1 := at(i), at(i+1), at(i+2), at(i-1)
	a := &atoms[i+2]
	return append(dst,
		f1(tA0, a0),
		f1(tA1, a1),
		f1(tA2, a2),
		f1(tAm1, am1),
		f2(tA1A2, a1, a2),
		f2(tP1A1, p1, a1),
		f2(tA0A1, a0, a1),
		f2(tWA0, a.lower, a0),
		f2(tWA1, a.lower, a1),
		f2(tSufA1, a.suf[2], a1),
	)
}
