// Package perceptron is a multi-class averaged perceptron over hashed sparse
// features, shared by the POS tagger and the dependency parser.
//
// Features are 64-bit hashes that callers build from small integer or string
// atoms (see Hash, Mix). Training keeps, per feature, only the classes that
// were ever updated, because most features are only ever involved in errors
// between two or three classes: a dense feature×class matrix would be two
// orders of magnitude larger. The frozen Model keeps that sparse layout, uses
// 32-bit feature keys in an ordered open-addressing table behind a small
// Bloom filter (most lookups cost at most one cache miss; see buildTable)
// and int16-quantised weights on disk, which keeps model files a few MB.
package perceptron

import (
	"fmt"
	"math"
	"sort"
)

// Mix folds v into the running hash h. It is a multiply-xorshift step: cheap,
// and good enough that templates built from small integers do not collide.
func Mix(h, v uint64) uint64 {
	h ^= v + 0x9E3779B97F4A7C15 + (h << 6) + (h >> 2)
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 31
	return h
}

// Hash returns the FNV-1a hash of s, finalised with Mix.
func Hash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return Mix(h, uint64(len(s)))
}

type entry struct {
	class int32
	w     float32
	total float64 // sum of w over past clock ticks, up to ts
	ts    int64   // clock at the last change of w
}

// Trainer learns weights. It is not safe for concurrent use.
type Trainer struct {
	nClasses int
	index    map[uint64]int32
	rows     [][]entry
	clock    int64
}

// NewTrainer returns a trainer for nClasses classes; the frozen Model
// supports at most MaxClasses, which callers must check.
func NewTrainer(nClasses int) *Trainer {
	return &Trainer{nClasses: nClasses, index: make(map[uint64]int32, 1<<16)}
}

// NumClasses returns the number of classes.
func (t *Trainer) NumClasses() int { return t.nClasses }

// Tick advances the averaging clock; call it once per training instance.
func (t *Trainer) Tick() { t.clock++ }

// Score adds the current (non-averaged) weights of feats to scores, which
// must have NumClasses elements.
func (t *Trainer) Score(feats []uint64, scores []float32) {
	for _, f := range feats {
		r, ok := t.index[f]
		if !ok {
			continue
		}
		for _, e := range t.rows[r] {
			scores[e.class] += e.w
		}
	}
}

// Update moves weight delta from class bad to class good on every feature.
func (t *Trainer) Update(feats []uint64, good, bad int, delta float32) {
	if good == bad {
		return
	}
	for _, f := range feats {
		r, ok := t.index[f]
		if !ok {
			r = int32(len(t.rows))
			t.index[f] = r
			t.rows = append(t.rows, nil)
		}
		t.bump(r, good, delta)
		t.bump(r, bad, -delta)
	}
}

func (t *Trainer) bump(r int32, class int, delta float32) {
	row := t.rows[r]
	for i := range row {
		e := &row[i]
		if int(e.class) == class {
			e.total += float64(e.w) * float64(t.clock-e.ts)
			e.ts = t.clock
			e.w += delta
			return
		}
	}
	t.rows[r] = append(row, entry{class: int32(class), w: delta, ts: t.clock})
}

// Model freezes the averaged weights. Weights whose magnitude is below
// minWeight (after averaging) are dropped, as are features left with no
// weights; colliding 32-bit keys are merged by summing their weights.
func (t *Trainer) Model(minWeight float64) *Model {
	type kw struct {
		key uint32
		row int32
	}
	keys := make([]kw, 0, len(t.index))
	for f, r := range t.index {
		keys = append(keys, kw{fold(f), r})
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].key != keys[j].key {
			return keys[i].key < keys[j].key
		}
		return keys[i].row < keys[j].row
	})
	b := newBuilder(t.nClasses)
	clock := float64(t.clock)
	if clock == 0 {
		clock = 1
	}
	acc := make([]float64, t.nClasses)
	for i := 0; i < len(keys); {
		j := i
		for j < len(keys) && keys[j].key == keys[i].key {
			for _, e := range t.rows[keys[j].row] {
				total := e.total + float64(e.w)*float64(t.clock-e.ts)
				acc[e.class] += total / clock
			}
			j++
		}
		b.add(keys[i].key, acc, minWeight)
		for c := range acc {
			acc[c] = 0
		}
		i = j
	}
	return b.finish()
}

// fold reduces a 64-bit feature hash to the non-zero 32-bit key the Model
// stores (zero marks an empty table slot).
func fold(f uint64) uint32 {
	k := uint32(f ^ f>>32)
	if k == 0 {
		k = 1
	}
	return k
}

// Model is a frozen averaged perceptron. It is immutable and safe for
// concurrent use.
//
// Lookups dominate inference time, and they are cache misses, so the
// lookup table is laid out for as few and as small misses as possible (see
// buildTable). A weight is packed into a uint32 as class (low classBits) |
// fixed-point weight (high bits, signed); scores are summed in int32
// arithmetic, so the order in which weights are added never matters.
type Model struct {
	nClasses int
	scale    float64 // weight = fixed-point value × scale

	keys  []uint32 // sorted feature keys
	start []uint32 // weights of keys[i] are cls/w[start[i]:start[i+1]]
	cls   []uint16
	w     []float32

	// The lookup table: feature key k has its home at (k × size) >> 32,
	// which grows with k. Exactly one of wide and narrow is in use.
	size   uint64
	align  uint64 // homes are rounded down to a multiple of align+1
	wide   []slot
	narrow []uint64 // key<<32 | offset in data of the row's length
	data   []uint32
	// filter is a blocked Bloom filter of the keys in the table (see
	// filterBits): a third of the parser's lookups are for features the
	// model does not have, and the filter, small enough to stay in the
	// CPU's cache, answers most of them without touching the table.
	filter []uint64
}

// slot is one entry of the wide table: key 0 marks an empty slot; a, b
// and c are up to three packed weights (0 for none).
type slot struct {
	key, a, b, c uint32
}

// MaxClasses is the largest number of classes a Model supports.
const MaxClasses = 1<<classBits - 1

const classMask = 1<<classBits - 1

const (
	classBits = 10
	// fixedMax bounds a weight's fixed-point value: 21 bits of magnitude,
	// so that even 512 features all at the maximum cannot overflow int32.
	fixedMax = 1<<21 - 1
)

type builder struct{ m *Model }

func newBuilder(nClasses int) *builder {
	return &builder{&Model{nClasses: nClasses, start: []uint32{0}}}
}

func (b *builder) add(key uint32, acc []float64, minWeight float64) {
	m := b.m
	n := len(m.cls)
	for c, v := range acc {
		if math.Abs(v) >= minWeight && v != 0 {
			m.cls = append(m.cls, uint16(c))
			m.w = append(m.w, float32(v))
		}
	}
	if len(m.cls) == n {
		return
	}
	m.keys = append(m.keys, key)
	m.start = append(m.start, uint32(len(m.cls)))
}

func (b *builder) finish() *Model {
	b.m.buildTable()
	return b.m
}

// Table layout. The home of key k is (k × size) >> 32: keys are uniform
// 32-bit hashes, so homes are uniform over [0, size), and, unlike a
// multiplicative hash, the home grows with the key. The keys are placed in
// increasing order, each at its home or just after the previous key
// (linear probing), so building is one sequential pass, occupied slots hold
// increasing keys, and a lookup stops at the first slot whose key is not
// smaller than the one sought: misses, which are a third of all lookups,
// cost no more than hits. The table has no wrap-around: it ends with at
// least one empty slot.
//
// Two layouts, chosen per model by buildTable:
//
//   - wide: 16-byte slots holding the key and its packed weights, so that
//     a lookup is one cache miss. Used for models of at most three classes
//     (the parser's move model), whose rows always fit.
//   - narrow: 8-byte slots holding the key and the offset of the row in
//     data, where the row's length precedes its weights. A hit costs two
//     misses, but the table is half the size (a smaller table misses the
//     cache less often), and the rows of many-class models (the tagger's,
//     the parser's labeller) are mostly too long to fit in a slot anyway.
const (
	// wideLoad and narrowLoad are the fractions of slots occupied. The
	// lower the load, the shorter the probes but the larger the table;
	// these were the fastest on the tagger's and parser's lookups
	// replayed from Reuters text.
	wideLoad   = 0.6
	narrowLoad = 0.6
	// alignWide rounds wide homes down to the start of their cache line
	// (4 slots; large Go allocations are page-aligned), so that a probe
	// reads the line it starts in before it reads the next one.
	alignWide = 3
)

// buildTable quantises the weights and builds the lookup table from keys,
// start, cls and w. keys must be sorted.
func (m *Model) buildTable() {
	maxAbs := 0.0
	for _, x := range m.w {
		if a := math.Abs(float64(x)); a > maxAbs {
			maxAbs = a
		}
	}
	m.scale = maxAbs / fixedMax
	if m.scale == 0 {
		m.scale = 1
	}
	m.wide, m.narrow, m.data = nil, nil, nil
	// About 8 bits per key, two of them set per key: a false positive
	// rate of some 5%.
	m.filter = make([]uint64, len(m.keys)/8+1)
	if m.nClasses <= 3 {
		m.buildWide()
	} else {
		m.buildNarrow()
	}
}

// tableSize returns the number of home positions for n keys at the given
// load.
func tableSize(n int, load float64) uint64 {
	return uint64(float64(n)/load) + 1
}

func (m *Model) home(k uint32) uint64 { return ((uint64(k) * m.size) >> 32) &^ m.align }

// filterWord returns the index of k's word in the filter.
func (m *Model) filterWord(k uint32) uint64 { return (uint64(k) * uint64(len(m.filter))) >> 32 }

// filterBits returns k's two bits in its filter word, chosen by a hash of
// k independent of the word index (which uses k's top bits).
func filterBits(k uint32) uint64 {
	h := k * 0x9E3779B1
	return 1<<(h>>26) | 1<<(h>>20&63)
}

// maybeHas filters feats' keys into keys: every key in the table is kept,
// and most that are not are dropped. It returns the number kept.
func (m *Model) maybeHas(feats []uint64, keys *[scoreBatch]uint32) int {
	n := 0
	for _, f := range feats {
		k := fold(f)
		b := filterBits(k)
		x := m.filter[m.filterWord(k)]&b ^ b // 0 iff both bits are set
		keys[n] = k
		n += 1 - int((x|-x)>>63)
	}
	return n
}

// pack appends the packed weights of key i to dst, dropping weights that
// round to zero: they add nothing, and dropping them keeps 0 free to mean
// "no weight".
func (m *Model) pack(dst []uint32, i int) []uint32 {
	for j := m.start[i]; j < m.start[i+1]; j++ {
		if q := int32(math.Round(float64(m.w[j]) / m.scale)); q != 0 {
			dst = append(dst, uint32(q)<<classBits|uint32(m.cls[j]))
		}
	}
	return dst
}

func (m *Model) buildWide() {
	m.size = tableSize(len(m.keys), wideLoad)
	m.align = alignWide
	m.wide = make([]slot, m.size+1, m.size+m.size/64+16)
	next := uint64(0) // first free slot after the last key placed
	var row []uint32
	for i, k := range m.keys {
		row = m.pack(row[:0], i)
		if len(row) == 0 {
			continue
		}
		sl := slot{key: k, a: row[0]}
		if len(row) > 1 {
			sl.b = row[1]
		}
		if len(row) > 2 {
			sl.c = row[2]
		}
		p := max(m.home(k), next)
		for p+1 >= uint64(len(m.wide)) {
			m.wide = append(m.wide, slot{})
		}
		m.wide[p] = sl
		m.filter[m.filterWord(k)] |= filterBits(k)
		next = p + 1
	}
}

func (m *Model) buildNarrow() {
	m.size = tableSize(len(m.keys), narrowLoad)
	m.align = 0
	m.narrow = make([]uint64, m.size+1, m.size+m.size/64+16)
	m.data = make([]uint32, 0, len(m.w)+len(m.keys))
	next := uint64(0)
	for i, k := range m.keys {
		off := len(m.data)
		m.data = m.pack(append(m.data, 0), i)
		n := len(m.data) - off - 1
		if n == 0 {
			m.data = m.data[:off]
			continue
		}
		m.data[off] = uint32(n)
		p := max(m.home(k), next)
		for p+1 >= uint64(len(m.narrow)) {
			m.narrow = append(m.narrow, 0)
		}
		m.narrow[p] = uint64(k)<<32 | uint64(off)
		m.filter[m.filterWord(k)] |= filterBits(k)
		next = p + 1
	}
}

// NumClasses returns the number of classes.
func (m *Model) NumClasses() int { return m.nClasses }

// NumFeatures returns the number of features with at least one weight.
func (m *Model) NumFeatures() int { return len(m.keys) }

// NumWeights returns the number of stored (feature, class) weights.
func (m *Model) NumWeights() int { return len(m.w) }

// scoreBatch is how many features Score looks up in one pass.
const scoreBatch = 64

// Score adds the weights of feats to scores, which must have NumClasses
// elements. Scores are fixed-point: only their order is meaningful.
//
// The lookups are done in passes over a batch of features (drop the keys
// the filter rules out, load every remaining home slot, resolve the probes,
// read every weight list) rather than one feature at a time: the loads of
// one pass do not depend on each other, so the CPU overlaps their cache
// misses instead of waiting for each in turn.
func (m *Model) Score(feats []uint64, scores []int32) {
	scores = scores[:m.nClasses]
	switch {
	case m.narrow != nil:
		m.scoreNarrow(feats, scores)
	case m.wide != nil:
		m.scoreWide(feats, scores)
	}
}

func (m *Model) scoreWide(feats []uint64, scores []int32) {
	var (
		keys [scoreBatch]uint32
		pos  [scoreBatch]uint64
		vals [scoreBatch]slot
	)
	tab := m.wide
	for len(feats) > 0 {
		fs := feats
		if len(fs) > scoreBatch {
			fs = fs[:scoreBatch]
		}
		feats = feats[len(fs):]
		nk := m.maybeHas(fs, &keys)
		for i, k := range keys[:nk] {
			p := m.home(k)
			pos[i] = p
			vals[i] = tab[p]
		}
		// Resolve probes: keep the slots of the features found.
		found := 0
		for i := range keys[:nk] {
			v, k := vals[i], keys[i]
			for v.key != 0 && v.key < k {
				pos[i]++
				v = tab[pos[i]]
			}
			if v.key == k {
				vals[found] = v
				found++
			}
		}
		for _, v := range vals[:found] {
			for _, e := range [3]uint32{v.a, v.b, v.c} {
				if e != 0 {
					scores[e&classMask] += int32(e) >> classBits
				}
			}
		}
	}
}

func (m *Model) scoreNarrow(feats []uint64, scores []int32) {
	var (
		keys [scoreBatch]uint32
		pos  [scoreBatch]uint64
		vals [scoreBatch]uint64
		offs [scoreBatch]uint32
		lens [scoreBatch]uint32
	)
	tab, data := m.narrow, m.data
	for len(feats) > 0 {
		fs := feats
		if len(fs) > scoreBatch {
			fs = fs[:scoreBatch]
		}
		feats = feats[len(fs):]
		nk := m.maybeHas(fs, &keys)
		for i, k := range keys[:nk] {
			p := m.home(k)
			pos[i] = p
			vals[i] = tab[p]
		}
		found := 0
		for i := range keys[:nk] {
			v, k := vals[i], uint64(keys[i])
			for v != 0 && v>>32 < k {
				pos[i]++
				v = tab[pos[i]]
			}
			if v>>32 == k {
				offs[found] = uint32(v)
				found++
			}
		}
		// Load every row's length first (independent misses), then add.
		for i, off := range offs[:found] {
			lens[i] = data[off]
		}
		for i, off := range offs[:found] {
			for _, e := range data[off+1 : off+1+lens[i]] {
				scores[e&classMask] += int32(e) >> classBits
			}
		}
	}
}

// Argmax returns the index of the highest score (the first on ties), or -1
// for no scores.
func Argmax[S int32 | float32](scores []S) int {
	bi := -1
	var best S
	for i, s := range scores {
		if bi < 0 || s > best {
			best, bi = s, i
		}
	}
	return bi
}

func (m *Model) String() string {
	return fmt.Sprintf("perceptron.Model{classes: %d, features: %d, weights: %d}", m.nClasses, len(m.keys), len(m.w))
}

// Prune returns a copy of m without the weights whose magnitude is below
// minWeight (and without features left empty). Small averaged weights are
// mostly from rare features that barely move decisions, while they make up
// most of a model's size.
func (m *Model) Prune(minWeight float32) *Model {
	return m.PruneSplit(m.nClasses, minWeight, minWeight)
}

// PruneSplit is Prune with its own threshold for the classes from split
// on: the tagger's auxiliary classes (the parser's supertags) keep their
// accuracy at a threshold that would cost the tags theirs.
func (m *Model) PruneSplit(split int, minWeight, minHigh float32) *Model {
	b := newBuilder(m.nClasses)
	acc := make([]float64, m.nClasses)
	for i, k := range m.keys {
		for c := range acc {
			acc[c] = 0
		}
		for j := m.start[i]; j < m.start[i+1]; j++ {
			w := m.w[j]
			if int(m.cls[j]) >= split && w > -minHigh && w < minHigh {
				continue
			}
			acc[m.cls[j]] = float64(w)
		}
		b.add(k, acc, float64(minWeight))
	}
	return b.finish()
}

// Scale returns the value of one fixed-point unit of Score, so that the
// scores of two models can be compared or added.
func (m *Model) Scale() float64 { return m.scale }
