package depparse

import "github.com/kg-project/kg/extract/postag/perceptron"

// tokAtoms are the per-word hashes the features combine: the lowercased
// word and the joint UPOS+XPOS tag. Index n (the root) and "no such
// position" get fixed values of their own.
type tokAtoms struct{ w, p uint64 }

var (
	noneAtom = tokAtoms{w: 1, p: 1}
	rootAtom = tokAtoms{w: 2, p: 2}
)

// ctx gathers what one feature extraction needs.
type ctx struct {
	atoms []tokAtoms // len n+1, atoms[n] is the root
}

func (c *ctx) at(i int32) tokAtoms {
	if i < 0 {
		return noneAtom
	}
	return c.atoms[i]
}

func f1(t, a uint64) uint64       { return perceptron.Mix(perceptron.Mix(t, a), 0) }
func f2(t, a, b uint64) uint64    { return perceptron.Mix(perceptron.Mix(t, a), b) }
func f3(t, a, b, c uint64) uint64 { return perceptron.Mix(perceptron.Mix(perceptron.Mix(t, a), b), c) }

func lab(s *state, i int32) uint64 {
	if i < 0 {
		return 0
	}
	return uint64(s.labels[i]) + 2
}

func child(x []int32, i int32) int32 {
	if i < 0 {
		return -1
	}
	return x[i]
}

func val(x []uint8, i int32) uint64 {
	if i < 0 {
		return 300
	}
	return uint64(x[i])
}

func set(x []uint64, i int32) uint64 {
	if i < 0 {
		return 1<<63 | 1
	}
	return x[i]
}

func dist(s0, b0 int32, n int) uint64 {
	if s0 < 0 || int(b0) >= n {
		return 0
	}
	d := b0 - s0
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 10:
		return 6
	default:
		return 7
	}
}

// extract appends the feature hashes of the configuration to dst. The
// templates follow Zhang & Nivre (2011), adapted to arc-hybrid, where b0
// can only have left children and s0/s1 are the candidate heads.
func extract(dst []uint64, c *ctx, s *state) []uint64 {
	s0i, s1i, s2i := s.s(0), s.s(1), s.s(2)
	b0i := s.b
	b1i, b2i := int32(-1), int32(-1)
	if int(b0i)+1 <= s.n {
		b1i = b0i + 1
	}
	if int(b0i)+2 <= s.n {
		b2i = b0i + 2
	}
	s0, s1, s2 := c.at(s0i), c.at(s1i), c.at(s2i)
	b0, b1, b2 := c.at(b0i), c.at(b1i), c.at(b2i)
	s0l1i, s0l2i := child(s.l1, s0i), child(s.l2, s0i)
	s0r1i, s0r2i := child(s.r1, s0i), child(s.r2, s0i)
	s1l1i, s1r1i := child(s.l1, s1i), child(s.r1, s1i)
	b0l1i, b0l2i := child(s.l1, b0i), child(s.l2, b0i)
	s0l1, s0l2, s0r1, s0r2 := c.at(s0l1i), c.at(s0l2i), c.at(s0r1i), c.at(s0r2i)
	s1l1, s1r1 := c.at(s1l1i), c.at(s1r1i)
	b0l1, b0l2 := c.at(b0l1i), c.at(b0l2i)
	d := dist(s0i, b0i, s.n)
	d1 := dist(s1i, s0i, s.n)
	s0wp, s1wp, b0wp, b1wp := s0.w^s0.p*3, s1.w^s1.p*3, b0.w^b0.p*3, b1.w^b1.p*3

	var t uint64
	nt := func() uint64 { t++; return t }
	return append(dst,
		// single words
		f1(nt(), s0wp), f1(nt(), s0.w), f1(nt(), s0.p),
		f1(nt(), s1wp), f1(nt(), s1.w), f1(nt(), s1.p),
		f1(nt(), b0wp), f1(nt(), b0.w), f1(nt(), b0.p),
		f1(nt(), b1wp), f1(nt(), b1.w), f1(nt(), b1.p),
		f1(nt(), b2.w), f1(nt(), b2.p), f1(nt(), s2.p),
		// pairs
		f2(nt(), s0wp, b0wp), f2(nt(), s0wp, b0.w), f2(nt(), s0.w, b0wp),
		f2(nt(), s0wp, b0.p), f2(nt(), s0.p, b0wp), f2(nt(), s0.w, b0.w),
		f2(nt(), s0.p, b0.p), f2(nt(), b0.p, b1.p),
		f2(nt(), s1wp, s0wp), f2(nt(), s1wp, s0.p), f2(nt(), s1.p, s0wp),
		f2(nt(), s1.w, s0.w), f2(nt(), s1.p, s0.p),
		f2(nt(), s0.w, b1.w), f2(nt(), b0.w, b1.w), f2(nt(), s1.p, b0.p),
		// triples of tags
		f3(nt(), b0.p, b1.p, b2.p), f3(nt(), s0.p, b0.p, b1.p),
		f3(nt(), s1.p, s0.p, b0.p), f3(nt(), s2.p, s1.p, s0.p),
		f3(nt(), s0.p, s0l1.p, b0.p), f3(nt(), s0.p, s0r1.p, b0.p),
		f3(nt(), s0.p, b0.p, b0l1.p), f3(nt(), s1.p, s0.p, s0l1.p),
		f3(nt(), s1.p, s0.p, s0r1.p), f3(nt(), s1.p, s1r1.p, s0.p),
		f3(nt(), s1.p, s1l1.p, s0.p), f3(nt(), s1.p, s0.p, b1.p),
		f3(nt(), s0.w, s1.p, b0.p), f3(nt(), s0.p, s1.p, b0.w),
		// distance
		f2(nt(), s0.w, d), f2(nt(), s0.p, d), f2(nt(), b0.w, d), f2(nt(), b0.p, d),
		f3(nt(), s0.w, b0.w, d), f3(nt(), s0.p, b0.p, d),
		f3(nt(), s1.p, s0.p, d1), f3(nt(), s1.w, s0.w, d1),
		// valency
		f2(nt(), s0.w, val(s.nr, s0i)), f2(nt(), s0.p, val(s.nr, s0i)),
		f2(nt(), s0.w, val(s.nl, s0i)), f2(nt(), s0.p, val(s.nl, s0i)),
		f2(nt(), b0.w, val(s.nl, b0i)), f2(nt(), b0.p, val(s.nl, b0i)),
		f2(nt(), s1.p, val(s.nr, s1i)),
		// children
		f1(nt(), s0l1.w), f1(nt(), s0l1.p), f1(nt(), lab(s, s0l1i)),
		f1(nt(), s0r1.w), f1(nt(), s0r1.p), f1(nt(), lab(s, s0r1i)),
		f1(nt(), b0l1.w), f1(nt(), b0l1.p), f1(nt(), lab(s, b0l1i)),
		f1(nt(), s0l2.w), f1(nt(), s0l2.p), f1(nt(), lab(s, s0l2i)),
		f1(nt(), s0r2.w), f1(nt(), s0r2.p), f1(nt(), lab(s, s0r2i)),
		f1(nt(), b0l2.w), f1(nt(), b0l2.p), f1(nt(), lab(s, b0l2i)),
		f1(nt(), s1r1.p), f1(nt(), lab(s, s1r1i)), f1(nt(), lab(s, s1l1i)),
		f3(nt(), s0.p, lab(s, s0l1i), lab(s, s0l2i)),
		f3(nt(), s0.p, lab(s, s0r1i), lab(s, s0r2i)),
		f3(nt(), b0.p, lab(s, b0l1i), lab(s, b0l2i)),
		f3(nt(), s0.p, s0l1.p, s0l2.p), f3(nt(), s0.p, s0r1.p, s0r2.p),
		f3(nt(), b0.p, b0l1.p, b0l2.p),
		// label sets
		f2(nt(), s0.w, set(s.rset, s0i)), f2(nt(), s0.p, set(s.rset, s0i)),
		f2(nt(), s0.w, set(s.lset, s0i)), f2(nt(), s0.p, set(s.lset, s0i)),
		f2(nt(), b0.w, set(s.lset, b0i)), f2(nt(), b0.p, set(s.lset, b0i)),
		f2(nt(), s1.p, set(s.rset, s1i)),
	)
}
