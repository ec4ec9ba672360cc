package ner

import (
	"math/bits"
	"sort"
)

// wt is one feature weight for one tag.
type wt struct {
	w   float32
	tag uint32
}

// slot is one entry of the open-addressing feature table: the feature's
// hash (0 = empty) and where its weights are.
type slot struct {
	key      uint64
	start, n uint32
}

// featTable maps feature hashes to their sparse weight rows. It replaces a
// Go map because scoring is dominated by these lookups: a flat table with
// linear probing costs one cache miss for the slot and one for the weights,
// and the weights of a feature sit together.
type featTable struct {
	slots []slot
	shift uint
	wts   []wt
}

// tableKey keeps 0 free to mark empty slots.
func tableKey(h uint64) uint64 { return h | 1 }

func (t *featTable) home(key uint64) uint64 { return (key * 0x9E3779B97F4A7C15) >> t.shift }

// newFeatTable builds a table from rows keyed by feature hash; keys are
// laid out in sorted order so equal inputs give equal tables.
func newFeatTable(rows map[uint64][]wt) featTable {
	keys := make([]uint64, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	rs := make([][]wt, len(keys))
	for i, k := range keys {
		rs[i] = rows[k]
	}
	return newFeatTableSorted(keys, rs)
}

// newFeatTableSorted builds a table from keys (in increasing order) and
// their rows.
func newFeatTableSorted(keys []uint64, rows [][]wt) featTable {
	// Power-of-two size at most half full, so that probing for the many
	// features a model does not know stops quickly.
	b := bits.Len(uint(2*len(keys) + 1))
	t := featTable{slots: make([]slot, 1<<b), shift: uint(64 - b)}
	mask := uint64(len(t.slots) - 1)
	n := 0
	for _, r := range rows {
		n += len(r)
	}
	t.wts = make([]wt, 0, n)
	for j, k := range keys {
		row := rows[j]
		key := tableKey(k)
		i := t.home(key)
		for t.slots[i].key != 0 && t.slots[i].key != key {
			i = (i + 1) & mask
		}
		t.slots[i] = slot{key: key, start: uint32(len(t.wts)), n: uint32(len(row))}
		t.wts = append(t.wts, row...)
	}
	return t
}

// lookup returns the weights of feature h (nil if it has none).
func (t *featTable) lookup(h uint64) []wt {
	key := tableKey(h)
	mask := uint64(len(t.slots) - 1)
	for i := t.home(key); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.key == key {
			return t.wts[s.start : s.start+s.n]
		}
		if s.key == 0 {
			return nil
		}
	}
}

// sortedKeys returns the stored keys in increasing order.
func (t *featTable) keys() []uint64 {
	var ks []uint64
	for _, s := range t.slots {
		if s.key != 0 {
			ks = append(ks, s.key)
		}
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i] < ks[j] })
	return ks
}

// len returns the number of features.
func (t *featTable) len() int {
	n := 0
	for _, s := range t.slots {
		if s.key != 0 {
			n++
		}
	}
	return n
}
