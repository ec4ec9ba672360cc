// Package perceptron is a multi-class averaged perceptron over hashed sparse
// features, shared by the POS tagger and the dependency parser.
//
// Features are 64-bit hashes that callers build from small integer or string
// atoms (see Hash, Mix). Training keeps, per feature, only the classes that
// were ever updated, because most features are only ever involved in errors
// between two or three classes: a dense feature×class matrix would be two
// orders of magnitude larger. The frozen Model keeps that sparse layout, uses
// 32-bit feature keys in an open-addressing table (one cache line per probe)
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
// layout is built for one miss per feature: slots is an open-addressing
// table of 16-byte slots holding the key and, for the majority of
// features, which have at most three weights, the weights themselves.
// Longer weight lists spill to data. A weight is packed into a uint32 as
// class (low classBits) | fixed-point weight (high bits, signed); scores
// are summed in int32 arithmetic.
type Model struct {
	nClasses int
	scale    float64 // weight = fixed-point value × scale

	keys  []uint32 // sorted feature keys
	start []uint32 // weights of keys[i] are cls/w[start[i]:start[i+1]]
	cls   []uint16
	w     []float32

	slots []slot
	data  []uint32
	shift uint
}

// slot is one entry of the lookup table: key 0 marks an empty slot. a, b
// and c are up to three packed weights (0 for none), or, when c is spill,
// a is the offset of the weights in data and b their number.
type slot struct {
	key, a, b, c uint32
}

// spill marks a slot whose weights are in data. As a packed weight it
// would be class 2^classBits-1, which MaxClasses excludes.
const spill = ^uint32(0)

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

func (m *Model) buildTable() {
	maxAbs := 0.0
	for _, x := range m.w {
		maxAbs = math.Max(maxAbs, math.Abs(float64(x)))
	}
	m.scale = maxAbs / fixedMax
	if m.scale == 0 {
		m.scale = 1
	}
	size := 1
	for size < len(m.keys)+len(m.keys)/2+1 {
		size <<= 1
	}
	bits := uint(0)
	for 1<<bits < size {
		bits++
	}
	m.shift = 64 - bits
	m.slots = make([]slot, size)
	m.data = m.data[:0]
	mask := uint64(size - 1)
	var packed []uint32
	for i, k := range m.keys {
		packed = packed[:0]
		for j := m.start[i]; j < m.start[i+1]; j++ {
			// A weight that rounds to zero adds nothing; dropping it also
			// keeps 0 free to mean "no weight" in a slot.
			if q := int32(math.Round(float64(m.w[j]) / m.scale)); q != 0 {
				packed = append(packed, uint32(q)<<classBits|uint32(m.cls[j]))
			}
		}
		sl := slot{key: k}
		switch len(packed) {
		case 3:
			sl.c = packed[2]
			fallthrough
		case 2:
			sl.b = packed[1]
			fallthrough
		case 1:
			sl.a = packed[0]
		case 0:
		default:
			sl.a, sl.b, sl.c = uint32(len(m.data)), uint32(len(packed)), spill
			m.data = append(m.data, packed...)
		}
		s := m.slot(k)
		for m.slots[s].key != 0 {
			s = (s + 1) & mask
		}
		m.slots[s] = sl
	}
}

func (m *Model) slot(k uint32) uint64 {
	if m.shift >= 64 {
		return 0
	}
	return (uint64(k) * 0x9E3779B97F4A7C15) >> m.shift
}

// NumClasses returns the number of classes.
func (m *Model) NumClasses() int { return m.nClasses }

// NumFeatures returns the number of features with at least one weight.
func (m *Model) NumFeatures() int { return len(m.keys) }

// NumWeights returns the number of stored (feature, class) weights.
func (m *Model) NumWeights() int { return len(m.w) }

// Score adds the weights of feats to scores, which must have NumClasses
// elements. Scores are fixed-point: only their order is meaningful.
//
// The lookups are done in passes over a batch of features (load every
// slot, then resolve them, then read every weight list) rather than one
// feature at a time: the loads of one pass do not depend on each other, so
// the CPU overlaps their cache misses instead of waiting for each in turn.
func (m *Model) Score(feats []uint64, scores []int32) {
	if len(m.slots) == 0 {
		return
	}
	scores = scores[:m.nClasses]
	const batch = 64
	var (
		keys [batch]uint32
		pos  [batch]uint64
		vals [batch]slot
	)
	mask := uint64(len(m.slots) - 1)
	for len(feats) > 0 {
		fs := feats
		if len(fs) > batch {
			fs = fs[:batch]
		}
		feats = feats[len(fs):]
		for i, f := range fs {
			k := fold(f)
			s := m.slot(k)
			keys[i], pos[i] = k, s
			vals[i] = m.slots[s]
		}
		// Resolve probes: keep the slots of the features found.
		found := 0
		for i := range fs {
			v := vals[i]
			for v.key != 0 && v.key != keys[i] {
				pos[i] = (pos[i] + 1) & mask
				v = m.slots[pos[i]]
			}
			if v.key != 0 {
				vals[found] = v
				found++
			}
		}
		for _, v := range vals[:found] {
			if v.c == spill {
				for _, e := range m.data[v.a : v.a+v.b] {
					scores[e&classMask] += int32(e) >> classBits
				}
				continue
			}
			for _, e := range [3]uint32{v.a, v.b, v.c} {
				if e != 0 {
					scores[e&classMask] += int32(e) >> classBits
				}
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
	b := newBuilder(m.nClasses)
	acc := make([]float64, m.nClasses)
	for i, k := range m.keys {
		for c := range acc {
			acc[c] = 0
		}
		for j := m.start[i]; j < m.start[i+1]; j++ {
			acc[m.cls[j]] = float64(m.w[j])
		}
		b.add(k, acc, float64(minWeight))
	}
	return b.finish()
}
