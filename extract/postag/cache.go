package postag

import (
	"math"
	"strings"

	"github.com/kg-project/kg/extract/postag/perceptron"
)

// Tagging speed: most of the 52 first-pass features of a position depend on
// one word alone — the word itself (its form, affixes, shape, classes) or
// one neighbour in one role (the word before, two before, after, two
// after). Their summed weights are therefore the same wherever the word
// occurs, and are cached per word in the pooled scratch: a frequent word
// then costs five vector additions instead of 34 table lookups. The three
// features of the two previous tags alone are cached per tag pair, and
// only the 15 features that combine a previous tag with a word, or two
// words, are looked up per position. Scores are int32 sums, so adding them
// in another grouping gives exactly the same numbers, and the same tags.
//
// asSelf, asPrev, asPrev2, asNext, asNext2, prevTags and combined split
// features (features.go) into those groups; TestFeatureGroupsMatch checks
// that the split loses and adds nothing.

// maxCachedWords bounds the per-scratch cache: five score vectors per word,
// ~0.65 KB each with the supertag classes, so some 27 MB per scratch when
// full. A full cache is swept before the next sentence (see sweep) rather
// than frozen: a frozen cache would keep whatever rare words came first.
const maxCachedWords = 8192

// maxCachedTagPairs bounds the cache of previous-tag pairs (one vector
// each); it is never reached with the current tag set of ~100 classes in
// practice, but a model with many more classes must not grow it unbounded.
const maxCachedTagPairs = 8192

// wordEntry is what the cache knows about one word in one position kind
// (sentence-initial or not, which changes its flags).
type wordEntry struct {
	atoms wordAtoms
	// vec holds five score vectors of the model's class count: the word
	// itself (filled on first need: without aux labels, words in the tag
	// dictionary are never scored themselves), and the word as the word
	// before, two before, after and two after the scored one.
	vec     []int32
	hasSelf bool
	// hits counts the lookups that found the entry since the cache was
	// last swept (see sweep).
	hits uint32
}

const (
	roleSelf = iota
	roleM1
	roleM2
	roleN1
	roleN2
	numRoles
)

func (e *wordEntry) role(r, n int) []int32 { return e.vec[r*n : (r+1)*n] }

// wordCache is the scratch's cache, valid for one model (training
// installs candidate models in the same Tagger one after another).
type wordCache struct {
	model *perceptron.Model
	words map[string]*wordEntry
	pad   *wordEntry   // the padding beyond either end of the sentence
	spare []*wordEntry // entries of this call that are not kept
	nUsed int
	free  []*wordEntry // entries of an emptied cache, for reuse
	// tags holds the summed weights of prevTags per pair of previous
	// tags (p1<<16 | p2): a few hundred pairs occur, and their rows are
	// among the longest in the model.
	tags map[uint64][]int32
}

// sweep makes room in a full cache. It runs between sentences, never
// during one, so that the entries of the sentence being tagged stay valid.
// It keeps up to half the cache: the words found at least twice since the
// last sweep, which in news text are mostly the frequent words every
// article has; the others go. Emptying the whole cache instead made every
// frequent word pay for its vectors again after each sweep: over 3,000
// Reuters articles (437k words) it missed 125k times at 4,096 words,
// against 110k with sweeps, 91k with sweeps at 8,192 words and 83k at
// 16,384. Which words stay only changes speed: cached and computed scores
// are the same.
func (c *wordCache) sweep() {
	kept := 0
	for w, e := range c.words {
		if e.hits >= 2 && kept < maxCachedWords/2 {
			e.hits = 0
			kept++
			continue
		}
		delete(c.words, w)
		c.free = append(c.free, e)
	}
}

// entry returns the cache entry of word w (sentence-initial if first).
func (t *Tagger) entry(c *wordCache, w string, first bool, feats []uint64) (*wordEntry, []uint64) {
	if !first {
		if e, ok := c.words[w]; ok {
			e.hits++
			return e, feats
		}
	}
	var e *wordEntry
	switch {
	case first:
		if c.nUsed == len(c.spare) {
			c.spare = append(c.spare, &wordEntry{})
		}
		e = c.spare[c.nUsed]
		c.nUsed++
	case len(c.free) > 0:
		e = c.free[len(c.free)-1]
		c.free = c.free[:len(c.free)-1]
		c.words[strings.Clone(w)] = e
	default:
		e = &wordEntry{}
		c.words[strings.Clone(w)] = e
	}
	computeAtoms(w, first, t.lex, t.classes, &e.atoms)
	feats = t.fillNeighbourScores(e, feats)
	return e, feats
}

// fillNeighbourScores computes e's vectors in the four neighbour roles.
func (t *Tagger) fillNeighbourScores(e *wordEntry, feats []uint64) []uint64 {
	n := t.model.NumClasses()
	if cap(e.vec) < numRoles*n {
		e.vec = make([]int32, numRoles*n)
	}
	e.vec = e.vec[:numRoles*n]
	clear(e.vec)
	e.hasSelf, e.hits = false, 0
	a := &e.atoms
	for r, role := range [...]func([]uint64, *wordAtoms) []uint64{roleM1: asPrev, roleM2: asPrev2, roleN1: asNext, roleN2: asNext2} {
		if role != nil {
			feats = role(feats[:0], a)
			t.model.Score(feats, e.role(r, n))
		}
	}
	return feats
}

// self returns e's own vector, computing it on first need.
func (t *Tagger) self(e *wordEntry, feats []uint64) ([]int32, []uint64) {
	n := t.model.NumClasses()
	v := e.role(roleSelf, n)
	if !e.hasSelf {
		feats = asSelf(feats[:0], &e.atoms)
		t.model.Score(feats, v)
		e.hasSelf = true
	}
	return v, feats
}

// passCached is pass for the first-pass model, using the word cache. It
// gives exactly the classes pass gives.
func (t *Tagger) passCached(sc *scratch, words []string) []int {
	c := &sc.cache
	if c.model != t.model {
		c.model = t.model
		c.words = make(map[string]*wordEntry)
		c.tags = make(map[uint64][]int32)
		c.pad = &wordEntry{atoms: padAtoms}
		sc.feats = t.fillNeighbourScores(c.pad, sc.feats)
	}
	c.nUsed = 0
	if len(c.words) >= maxCachedWords {
		c.sweep()
	}
	n := t.model.NumClasses() // tag classes, then aux classes
	nTags := len(t.upos)
	hasAux := len(t.aux) > 0
	sc.aux = sc.aux[:0]
	// ents[i+2] is word i's entry, with two padding entries on each side,
	// as in atoms.
	ents := append(sc.ents[:0], c.pad, c.pad)
	sc.atoms = append(sc.atoms[:0], padAtoms, padAtoms)
	for i, w := range words {
		var e *wordEntry
		e, sc.feats = t.entry(c, w, i == 0, sc.feats)
		ents = append(ents, e)
		sc.atoms = append(sc.atoms, e.atoms)
	}
	ents = append(ents, c.pad, c.pad)
	sc.atoms = append(sc.atoms, padAtoms, padAtoms)
	sc.ents = ents

	scores := sc.scores[:n]
	out := make([]int, len(words))
	var p1, p2 uint64
	for i, w := range words {
		cl, ok := t.dict[w]
		if !ok || hasAux {
			var self []int32
			self, sc.feats = t.self(ents[i+2], sc.feats)
			m1, m2 := ents[i+1].role(roleM1, n), ents[i].role(roleM2, n)
			n1, n2 := ents[i+3].role(roleN1, n), ents[i+4].role(roleN2, n)
			pt := c.tags[p1<<16|p2]
			if pt == nil {
				pt = make([]int32, n)
				sc.feats = prevTags(sc.feats[:0], p1, p2)
				t.model.Score(sc.feats, pt)
				if len(c.tags) < maxCachedTagPairs {
					c.tags[p1<<16|p2] = pt
				}
			}
			for j := range scores {
				scores[j] = self[j] + m1[j] + m2[j] + n1[j] + n2[j] + pt[j]
			}
			sc.feats = combined(sc.feats[:0], sc.atoms, i, p1, p2)
			t.model.Score(sc.feats, scores)
			if hasAux {
				sc.aux = append(sc.aux, perceptron.Argmax(scores[nTags:]))
			}
			switch {
			case ok:
				// A dictionary word keeps its tag; it was scored
				// only for its aux label.
				if sc.margins != nil {
					sc.margins[i] = math.MaxInt32
				}
			case sc.margins != nil:
				var margin int32
				cl, margin = top2(scores[:nTags])
				sc.margins[i] = margin
			default:
				cl = int32(perceptron.Argmax(scores[:nTags]))
			}
		} else if sc.margins != nil {
			sc.margins[i] = math.MaxInt32
		}
		out[i] = int(cl)
		p2, p1 = p1, uint64(cl)+1
	}
	return out
}

// top2 returns the class perceptron.Argmax returns (the first of the
// highest scores) and its margin over the next best score (0 on a tie), in
// one scan. scores must not be empty.
func top2(scores []int32) (best, margin int32) {
	bs, second := scores[0], int32(math.MinInt32)
	for j := 1; j < len(scores); j++ {
		switch s := scores[j]; {
		case s > bs:
			second, bs, best = bs, s, int32(j)
		case s > second:
			second = s
		}
	}
	if second == math.MinInt32 {
		return best, math.MaxInt32
	}
	return best, bs - second
}

// asSelf appends the features of position i that depend on its own word
// only (and the constant bias).
func asSelf(dst []uint64, a *wordAtoms) []uint64 {
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
		f1(tAmb, a.amb),
		f1(tC, a.cf),
	)
}

// asPrev appends the features that word m1 contributes to the position
// after it.
func asPrev(dst []uint64, m1 *wordAtoms) []uint64 {
	return append(dst,
		f1(tWm1, m1.lower),
		f1(tSufm1, m1.suf[2]),
		f1(tShapem1, m1.shape),
		f1(tFormm1, m1.form),
		f1(tAmbm1, m1.amb),
		f1(tFlagsm1, m1.flags),
		f1(tCm1, m1.cf),
	)
}

// asPrev2 appends the features that word m2 contributes two positions on.
func asPrev2(dst []uint64, m2 *wordAtoms) []uint64 {
	return append(dst, f1(tWm2, m2.lower))
}

// asNext appends the features that word n1 contributes to the position
// before it.
func asNext(dst []uint64, n1 *wordAtoms) []uint64 {
	return append(dst,
		f1(tWp1, n1.lower),
		f1(tSufp1, n1.suf[2]),
		f1(tSuf2p1, n1.suf[1]),
		f1(tShapep1, n1.shape),
		f1(tFormp1, n1.form),
		f1(tAmbp1, n1.amb),
		f1(tFlagsp1, n1.flags),
		f1(tCp1, n1.cf),
	)
}

// asNext2 appends the features that word n2 contributes two positions
// back.
func asNext2(dst []uint64, n2 *wordAtoms) []uint64 {
	return append(dst,
		f1(tWp2, n2.lower),
		f1(tSufp2, n2.suf[2]),
		f1(tAmbp2, n2.amb),
		f1(tCCp2, n2.cc),
	)
}

// prevTags appends the features of the two previous tags alone.
func prevTags(dst []uint64, p1, p2 uint64) []uint64 {
	return append(dst, f1(tP1, p1), f1(tP2, p2), f2(tP1P2, p1, p2))
}

// combined appends the features of position i that involve a previous
// tag and a word, or more than one word.
func combined(dst []uint64, atoms []wordAtoms, i int, p1, p2 uint64) []uint64 {
	a := &atoms[i+2]
	m1, m2 := &atoms[i+1], &atoms[i]
	n1, n2 := &atoms[i+3], &atoms[i+4]
	return append(dst,
		f2(tP1W, p1, a.lower),
		f2(tWm1W, m1.lower, a.lower),
		f2(tWWp1, a.lower, n1.lower),
		f2(tP1Wp1, p1, n1.lower),
		f2(tWp1Wp2, n1.lower, n2.lower),
		f2(tP1Suf3, p1, a.suf[2]),
		f2(tWm2Wm1, m2.lower, m1.lower),
		f2(tFlagsP1, a.flags, p1),
		f2(tAmbAmbp1, a.amb, n1.amb),
		f2(tP1Amb, p1, a.amb),
		f2(tP1Ambp1, p1, n1.amb),
		f2(tFlagsFlagsp1, a.flags, n1.flags),
		f2(tP1C, p1, a.cf),
		f2(tCCp1, a.cc, n1.cc),
		f2(tCCm1Ccp1, m1.cc, n1.cc),
	)
}
