package depparse

import (
	"github.com/kg-project/kg/extract/postag/perceptron"
	"github.com/kg-project/kg/extract/postag/wordclass"
)

// directMapped is a cache with one slot per key hash: a new key evicts
// whatever held its slot. In news text the frequent words keep their
// slots, and a miss costs only the work the cache would have saved, so
// the parser's per-word caches (word classes, role scores) use it rather
// than maps, whose lookups in large tables miss the CPU's caches.
type directMapped[V any] struct {
	slots []directSlot[V]
}

type directSlot[V any] struct {
	key    uint64
	filled bool
	val    V
}

// lookup returns the value slot of key and whether it holds key's value.
// On a miss the slot now belongs to key and the caller must fill it.
// size, a power of two, is the number of slots, allocated on first use.
func (c *directMapped[V]) lookup(key uint64, size int) (*V, bool) {
	if c.slots == nil {
		c.slots = make([]directSlot[V], size)
	}
	sl := &c.slots[key&uint64(len(c.slots)-1)]
	if sl.filled && sl.key == key {
		return &sl.val, true
	}
	sl.key, sl.filled = key, true
	return &sl.val, false
}

// reset empties the cache.
func (c *directMapped[V]) reset() { clear(c.slots) }

// staticScores holds, for one sentence, the move scores of the templates
// that do not change from one configuration to the next (see extract):
// each word's role templates as s0, s1 and b0-b2, and the buffer pairs at
// each position. A configuration's scores then start from three vector
// additions instead of 30 lookups. The role scores come from a cache
// across sentences (roleCache), as a frequent word with the same tag and
// supertag recurs in most sentences. Scores are integers, so the sums are
// exactly those of scoring all templates together
// (TestStaticScoresMatchFullScoring).
//
// Measured in bench/nlp's BenchmarkCore, as the parse stage's words per CPU
// second relative to the tag stage's in three interleaved runs of each:
// scoring the 24 static templates once per word in each sentence rather
// than once per configuration made the parse stage 5.5% faster (0.608
// against 0.576), and the cache across sentences 9.4% in all (0.630).
type staticScores struct {
	// roles holds each position's role scores (the root, n, included),
	// b the buffer's scores with b0 at each position, none the role
	// scores of a missing word (s1 of a one-word stack, b1 and b2 past
	// the root).
	roles []roleScores
	b     [][numMoves]int32
	none  roleScores
	cache roleCache
	feats []uint64
}

// prepare fills the scores for the sentence in x, of n words.
func (c *staticScores) prepare(m *perceptron.Model, x *ctx, n int) {
	c.roles = grow(c.roles, n+1)
	c.b = grow(c.b, n+1)
	c.cache.use(m)
	c.none = c.cache.get(m, noneAtom, &c.feats)
	for i := range n + 1 {
		c.roles[i] = c.cache.get(m, x.atoms[i], &c.feats)
	}
	roleAt := func(j int) *roleScores {
		if j <= n {
			return &c.roles[j]
		}
		return &c.none
	}
	for i := range n + 1 {
		c.b[i] = c.roles[i][roleB0]
		addTo(&c.b[i], &roleAt(i + 1)[roleB1])
		addTo(&c.b[i], &roleAt(i + 2)[roleB2])
		b1, b2 := bufferNext(x, int32(i), n)
		c.feats = bufferPairs(c.feats[:0], x.atoms[i], b1, b2)
		m.Score(c.feats, c.b[i][:])
	}
}

func addTo(dst, v *[numMoves]int32) {
	for k := range dst {
		dst[k] += v[k]
	}
}

// sum sets scores to the static scores of st's configuration. The stack
// must not be empty.
func (c *staticScores) sum(st *state, scores []int32) {
	s0, s1, b := st.s(0), st.s(1), st.b
	v1 := &c.none[roleS1]
	if s1 >= 0 {
		v1 = &c.roles[s1][roleS1]
	}
	v0, vb := &c.roles[s0][roleS0], &c.b[b]
	for k := range scores {
		scores[k] = v0[k] + v1[k] + vb[k]
	}
}

// roleScores are a word's move scores in each role.
type roleScores [numRoles][numMoves]int32

// roleCache caches words' role scores across sentences, keyed by a hash
// of the atoms the role templates see. It is valid for one model
// (training evaluates a new model each epoch).
type roleCache struct {
	model *perceptron.Model
	slots directMapped[roleScores]
}

// roleCacheSize is the number of slots: 8,192 slots of 72 bytes fit the
// CPU's second-level cache.
const roleCacheSize = 1 << 13

func (rc *roleCache) use(m *perceptron.Model) {
	if rc.model != m {
		rc.model = m
		rc.slots.reset()
	}
}

// get returns the role scores of a word with atoms a, scoring them on a
// miss (feats is scratch space).
func (rc *roleCache) get(m *perceptron.Model, a tokAtoms, feats *[]uint64) roleScores {
	key := perceptron.Mix(perceptron.Mix(perceptron.Mix(a.w, a.p), a.c), a.s)
	v, hit := rc.slots.lookup(key, roleCacheSize)
	if !hit {
		*v = roleScores{}
		for r := range numRoles {
			*feats = roleStatic((*feats)[:0], r, a)
			m.Score(*feats, v[r][:])
		}
	}
	return *v
}

// classCache caches words' classes (the c and g atoms), keyed by the hash
// of the lowercased word. The word-class map holds some 31,000 words and
// misses the CPU's caches on most lookups. It serves one Parser (one
// word-class table).
type classCache struct {
	slots directMapped[[2]uint32]
}

const classCacheSize = 1 << 12

// get returns the class atoms of lw, whose hash is key.
func (cc *classCache) get(classes *wordclass.Classes, lw string, key uint64) (c, g uint64) {
	v, hit := cc.slots.lookup(key, classCacheSize)
	if !hit {
		*v = [2]uint32{3, 3}
		if f, gr, ok := classes.Lookup(lw); ok {
			*v = [2]uint32{uint32(f) + 10, uint32(gr) + 10}
		}
	}
	return uint64(v[0]), uint64(v[1])
}
