package ner

import (
	"math"
	"math/bits"
	"sort"
)

// wt is one feature weight for one tag, as training produces it.
type wt struct {
	w   float32
	tag uint32
}

// featTable maps feature hashes to their sparse weight rows. Scoring is
// dominated by these lookups, so the table is laid out for the cache rather
// than built on a Go map:
//
//   - slots is an open-addressing table (linear probing, about two
//     thirds full, so that it stays small enough for the cache) of 8-byte
//     entries: a 32-bit fingerprint of the hash (never 0,
//     0 marks an empty slot) and the index of the feature's first weight;
//   - packed holds every row's weights back to back, one uint32 each: a
//     float32 whose 6 lowest mantissa bits are replaced by the tag (5 bits)
//     and an end-of-row bit. Losing those bits changes a weight by at most
//     one part in 2^17.
//
// A lookup thus touches one slot line and one weight line. Fingerprints
// can collide only when two features share a probe run and their upper 32
// hash bits, which at this table size is about one lookup in 10^8.
//
// keys and starts keep the full hashes, in increasing order, for Save.
type featTable struct {
	slots  []uint64
	shift  uint
	packed []uint32
	keys   []uint64
	starts []uint32
}

const (
	tagShift = 1
	tagMask  = 0x1f << tagShift
	lastBit  = 1
	lowBits  = 0x3f
)

func fingerprint(h uint64) uint32 { return uint32(h>>32) | 1 }

// normKey drops the lowest hash bit. Models written before the current
// table layout stored keys with that bit set, so it must not matter.
func normKey(h uint64) uint64 { return h | 1 }

func (t *featTable) home(h uint64) uint64 { return (h * 0x9E3779B97F4A7C15) >> t.shift }

// packWeight quantises w and stores tag and the end-of-row flag in it.
func packWeight(w float32, tag uint32, last bool) uint32 {
	b := math.Float32bits(w)&^lowBits | tag<<tagShift
	if last {
		b |= lastBit
	}
	return b
}

func unpackWeight(b uint32) (float32, uint32) {
	return math.Float32frombits(b &^ lowBits), (b & tagMask) >> tagShift
}

// newFeatTable builds a table from rows keyed by feature hash.
func newFeatTable(rows map[uint64][]wt) featTable {
	merged := make(map[uint64][]wt, len(rows))
	for k, r := range rows {
		merged[normKey(k)] = append(merged[normKey(k)], r...)
	}
	keys := make([]uint64, 0, len(merged))
	for k := range merged {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	rs := make([][]wt, len(keys))
	for i, k := range keys {
		rs[i] = merged[k]
	}
	return newFeatTableSorted(keys, rs)
}

// newFeatTableSorted builds a table from keys (in increasing order) and
// their non-empty rows.
func newFeatTableSorted(keys []uint64, rows [][]wt) featTable {
	b := bits.Len(uint(len(keys)*7/5 + 1))
	t := featTable{slots: make([]uint64, 1<<b), shift: uint(64 - b), keys: make([]uint64, len(keys))}
	mask := uint64(len(t.slots) - 1)
	n := 0
	for _, r := range rows {
		n += len(r)
	}
	t.packed = make([]uint32, 0, n)
	t.starts = make([]uint32, len(keys))
	for j, k := range keys {
		k = normKey(k)
		t.keys[j] = k
		row := rows[j]
		start := uint32(len(t.packed))
		t.starts[j] = start
		for x, e := range row {
			t.packed = append(t.packed, packWeight(e.w, e.tag, x == len(row)-1))
		}
		i := t.home(k)
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = uint64(fingerprint(k))<<32 | uint64(start)
	}
	return t
}

// addTo adds feature h's weights to the tag scores e.
func (t *featTable) addTo(h uint64, e *[numTags]float32) {
	h = normKey(h)
	fp := fingerprint(h)
	mask := uint64(len(t.slots) - 1)
	for i := t.home(h); ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return
		}
		if uint32(s>>32) != fp {
			continue
		}
		for _, b := range t.packed[uint32(s):] {
			w, tag := unpackWeight(b)
			e[tag] += w
			if b&lastBit != 0 {
				return
			}
		}
		return
	}
}

// row returns the weights of the j-th key (in key order).
func (t *featTable) row(j int) []wt {
	var out []wt
	for _, b := range t.packed[t.starts[j]:] {
		w, tag := unpackWeight(b)
		out = append(out, wt{w: w, tag: tag})
		if b&lastBit != 0 {
			break
		}
	}
	return out
}
