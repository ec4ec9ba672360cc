package relations

import (
	"strings"

	"github.com/kg-project/kg/extract/document"
)

// view is a read-only index over one parsed sentence: children lists and
// lower-cased forms, computed once so that the clause rules can ask cheap
// questions ("does this verb have an obj?") without rescanning the tokens.
type view struct {
	toks []document.Token
	n    int
	head []int   // sanitised heads: -1 for roots and out-of-range heads
	kids [][]int // children in sentence order
	// stack is scratch space for walks; a view belongs to one sentence
	// and one goroutine.
	stack []int
	low   []string // lower-cased word (Norm, else Text)
	lem   []string // lower-cased lemma, falling back to low
	rel   []string // full relation, lower-cased ("nsubj:pass")
	base  []string // relation before ':' ("nsubj")
	pos   []string // UPOS
	xpos  []string // Penn tag
	dep   []int    // depth from the root (0 for roots); -1 if on a cycle
}

func newView(s *document.Sentence) *view {
	n := len(s.Tokens)
	// Two backing arrays for all per-token columns: the view is rebuilt
	// for every sentence, so allocation count dominates its cost.
	ints := make([]int, 4*n)
	strs := make([]string, 6*n)
	v := &view{
		toks: s.Tokens, n: n,
		head: ints[0:n:n], dep: ints[n : 2*n : 2*n], kids: make([][]int, n),
		low: strs[0:n:n], lem: strs[n : 2*n : 2*n], rel: strs[2*n : 3*n : 3*n],
		base: strs[3*n : 4*n : 4*n], pos: strs[4*n : 5*n : 5*n], xpos: strs[5*n : 6*n : 6*n],
	}
	counts := ints[2*n : 3*n : 3*n]
	for i := range s.Tokens {
		t := &s.Tokens[i]
		h := t.Head
		if h < 0 || h >= n || h == i {
			h = -1
		}
		v.head[i] = h
		w := t.Norm
		if w == "" {
			w = t.Text
		}
		v.low[i] = lowerASCII(w)
		if t.Lemma != "" {
			v.lem[i] = lowerASCII(t.Lemma)
		} else {
			v.lem[i] = v.low[i]
		}
		if t.UPOS == "VERB" {
			v.lem[i] = verbLemma(v.low[i], v.lem[i], t.XPOS)
		}
		r := lowerASCII(t.DepRel)
		v.rel[i] = r
		if k := strings.IndexByte(r, ':'); k >= 0 {
			v.base[i] = r[:k]
		} else {
			v.base[i] = r
		}
		v.pos[i] = t.UPOS
		v.xpos[i] = t.XPOS
	}
	v.repair()
	for i := 0; i < n; i++ {
		if h := v.head[i]; h >= 0 {
			counts[h]++
		}
	}
	// One backing array for all children lists keeps allocation flat.
	back := ints[3*n : 3*n : 4*n]
	off := 0
	for i := 0; i < n; i++ {
		v.kids[i] = back[off : off : off+counts[i]]
		off += counts[i]
	}
	for i := 0; i < n; i++ {
		if h := v.head[i]; h >= 0 {
			v.kids[h] = append(v.kids[h], i)
		}
	}
	// Depths; tokens on a head cycle keep -1 and are never clause heads.
	for i := range v.dep {
		v.dep[i] = -2
	}
	for i := 0; i < n; i++ {
		v.depth(i)
	}
	return v
}

// depth computes the distance to the root iteratively, marking cycles.
func (v *view) depth(i int) int {
	if v.dep[i] != -2 {
		return v.dep[i]
	}
	// Walk up until a known depth, a root or a repeat.
	path := append(v.stack[:0], i)
	defer func() { v.stack = path[:0] }()
	v.dep[i] = -3 // on the current path
	cur := i
	for {
		h := v.head[cur]
		if h < 0 {
			v.dep[cur] = 0
			break
		}
		if v.dep[h] == -3 || v.dep[h] == -1 {
			// cycle (or leads into one): everything on the path is unusable
			for _, p := range path {
				v.dep[p] = -1
			}
			return -1
		}
		if v.dep[h] >= 0 {
			v.dep[cur] = v.dep[h] + 1
			break
		}
		v.dep[h] = -3
		path = append(path, h)
		cur = h
	}
	// Unwind the path from the top.
	for k := len(path) - 2; k >= 0; k-- {
		p := path[k]
		v.dep[p] = v.dep[path[k+1]] + 1
	}
	return v.dep[i]
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

// child returns the first child of h with the full relation r, or -1.
func (v *view) child(h int, r string) int {
	for _, k := range v.kids[h] {
		if v.rel[k] == r {
			return k
		}
	}
	return -1
}

// childBase returns the first child of h whose relation base is b, or -1.
func (v *view) childBase(h int, b string) int {
	for _, k := range v.kids[h] {
		if v.base[k] == b {
			return k
		}
	}
	return -1
}

func (v *view) word(i int) string { return v.toks[i].Text }

func (v *view) isVerb(i int) bool { return v.pos[i] == "VERB" }

func (v *view) isNominal(i int) bool {
	switch v.pos[i] {
	case "NOUN", "PROPN", "PRON", "NUM", "X", "SYM":
		return true
	}
	return false
}

// isPunct reports punctuation by tag or, for untagged input, by shape.
func (v *view) isPunct(i int) bool {
	if v.pos[i] == "PUNCT" || v.base[i] == "punct" {
		return true
	}
	if v.pos[i] != "" {
		return false
	}
	for _, r := range v.low[i] {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return false
		}
	}
	return true
}

// subtree appends to dst the tokens of the subtree of h, skipping the
// subtrees of tokens for which skip returns true (h itself is never
// skipped), and returns dst sorted.
func (v *view) subtree(dst []int, h int, skip func(int) bool) []int {
	start := len(dst)
	stack := append(v.stack[:0], h)
	defer func() { v.stack = stack[:0] }()
	seen := 0
	for len(stack) > 0 && seen <= v.n {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		dst = append(dst, x)
		seen++
		for _, k := range v.kids[x] {
			if skip != nil && skip(k) {
				continue
			}
			stack = append(stack, k)
		}
	}
	sortInts(dst[start:])
	return dst
}

// sortInts is an insertion sort: spans are short and mostly ordered.
func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		x := a[i]
		j := i - 1
		for j >= 0 && a[j] > x {
			a[j+1] = a[j]
			j--
		}
		a[j+1] = x
	}
}

// dominates reports whether a is an ancestor of (or equal to) b.
func (v *view) dominates(a, b int) bool {
	for k := 0; b >= 0 && k <= v.n; k++ {
		if b == a {
			return true
		}
		b = v.head[b]
	}
	return false
}
