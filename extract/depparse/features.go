package depparse

import "github.com/kg-project/kg/extract/postag/perceptron"

// tokAtoms are the per-word hashes the features combine: the lowercased
// word and the joint UPOS+XPOS tag. Index n (the root) and "no such
// position" get fixed values of their own.
// c and g are the word's fine class and coarse group from raw text
// (package wordclass), 3 when it has none; s is its supertag (see
// Supertags), 3 when the parser has none.
type tokAtoms struct{ w, p, u, c, g, s uint64 }

var (
	noneAtom = tokAtoms{w: 1, p: 1, u: 1, c: 1, g: 1, s: 1}
	rootAtom = tokAtoms{w: 2, p: 2, u: 2, c: 2, g: 2, s: 2}
)

// ctx gathers what one feature extraction needs.
type ctx struct {
	atoms []tokAtoms // len n+1, atoms[n] is the root
	// punct[i] counts the punctuation words before word i, so that
	// "is there a comma between these two words" is a subtraction.
	punct []int32
	// classes caches word-class lookups across sentences.
	classes classCache
}

// punctBetween returns how many punctuation words lie strictly between
// words a < b (capped at 2), or 3 when either is missing.
func (c *ctx) punctBetween(a, b int32) uint64 {
	if a < 0 || b < 0 {
		return 3
	}
	if a > b {
		a, b = b, a
	}
	return uint64(min(c.punct[b]-c.punct[a+1], 2))
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
//
// Most templates that see one word alone are grouped by the role the word
// plays (s0, s1, b0, b1, b2; see roleStatic): their weights depend only
// on the word's atoms, so a parsing run looks them up once per distinct
// word and role (see staticScores) rather than in every configuration.
// The templates that pair the buffer's first words (always consecutive)
// are scored once per buffer position (bufferPairs), and the rest, which
// see the parse built so far or words whose distance varies, in every
// configuration (extractDynamic).
func extract(dst []uint64, c *ctx, s *state) []uint64 {
	b1, b2 := bufferNext(c, s.b, s.n)
	dst = roleStatic(dst, roleS0, c.at(s.s(0)))
	dst = roleStatic(dst, roleS1, c.at(s.s(1)))
	dst = roleStatic(dst, roleB0, c.at(s.b))
	dst = roleStatic(dst, roleB1, b1)
	dst = roleStatic(dst, roleB2, b2)
	dst = bufferPairs(dst, c.at(s.b), b1, b2)
	return extractDynamic(dst, c, s)
}

// The roles a word's static templates are grouped by.
const (
	roleS0 = iota
	roleS1
	roleB0
	roleB1
	roleB2
	numRoles
)

// roleStatic appends the templates that see only the atoms a of the word
// in the given role.
func roleStatic(dst []uint64, role int, a tokAtoms) []uint64 {
	switch role {
	case roleS0:
		return append(dst,
			f1(1, a.w^a.p*3), f1(2, a.w), f1(3, a.p),
			f1(103, a.c), f1(115, a.s), f2(126, a.s, a.w),
		)
	case roleS1:
		return append(dst, f1(5, a.w), f1(6, a.p), f1(105, a.c), f1(117, a.s))
	case roleB0:
		return append(dst,
			f1(7, a.w^a.p*3), f1(8, a.w), f1(9, a.p),
			f1(104, a.c), f1(116, a.s), f2(127, a.s, a.w),
		)
	case roleB1:
		return append(dst, f1(10, a.w^a.p*3), f1(12, a.p), f1(106, a.c), f1(118, a.s))
	default:
		return append(dst, f1(13, a.w))
	}
}

// bufferNext returns the atoms of the two words after b0 (at b0i): the
// root at index n, then nothing.
func bufferNext(c *ctx, b0i int32, n int) (b1, b2 tokAtoms) {
	b1i, b2i := int32(-1), int32(-1)
	if int(b0i)+1 <= n {
		b1i = b0i + 1
	}
	if int(b0i)+2 <= n {
		b2i = b0i + 2
	}
	return c.at(b1i), c.at(b2i)
}

// bufferPairs appends the templates that combine the buffer's first words.
func bufferPairs(dst []uint64, b0, b1, b2 tokAtoms) []uint64 {
	return append(dst, f2(23, b0.p, b1.p), f2(30, b0.w, b1.w), f3(32, b0.p, b1.p, b2.p))
}

// extractDynamic appends the templates outside the static groups: those
// that pair words not fixed relative to each other, or see the children,
// valency, labels and distances that the parse so far has built.
func extractDynamic(dst []uint64, c *ctx, s *state) []uint64 {
	s0i, s1i, s2i := s.s(0), s.s(1), s.s(2)
	b0i := s.b
	s0, s1, s2 := c.at(s0i), c.at(s1i), c.at(s2i)
	b0 := c.at(b0i)
	b1, _ := bufferNext(c, b0i, s.n)
	s0l1i, s0l2i := child(s.l1, s0i), child(s.l2, s0i)
	s0r1i, s0r2i := child(s.r1, s0i), child(s.r2, s0i)
	s1l1i, s1r1i := child(s.l1, s1i), child(s.r1, s1i)
	b0l1i, b0l2i := child(s.l1, b0i), child(s.l2, b0i)
	s0l1, s0l2, s0r1, s0r2 := c.at(s0l1i), c.at(s0l2i), c.at(s0r1i), c.at(s0r2i)
	s1l1, s1r1 := c.at(s1l1i), c.at(s1r1i)
	b0l1, b0l2 := c.at(b0l1i), c.at(b0l2i)
	d := dist(s0i, b0i, s.n)
	d1 := dist(s1i, s0i, s.n)
	s0wp, s1wp, b0wp := s0.w^s0.p*3, s1.w^s1.p*3, b0.w^b0.p*3
	pb0 := c.punctBetween(s0i, b0i)
	pb1 := c.punctBetween(s1i, s0i)

	// The first argument of f1/f2/f3 numbers the template. The missing
	// numbers are templates left out once the supertags came: dropping
	// each alone from the trained parser moved EWT dev UAS by +0.08 to
	// -0.02, and the parser retrained without all 18 scored 85.71 / 82.75
	// against 85.68 / 82.62 with them, for 14% fewer lookups per move.
	// The templates of extract's static groups are not repeated here.
	return append(dst,
		// pairs
		f2(16, s0wp, b0wp), f2(17, s0wp, b0.w), f2(18, s0.w, b0wp),
		f2(19, s0wp, b0.p), f2(21, s0.w, b0.w),
		f2(22, s0.p, b0.p),
		f2(25, s1wp, s0.p), f2(26, s1.p, s0wp),
		f2(28, s1.p, s0.p),
		f2(29, s0.w, b1.w), f2(31, s1.p, b0.p),
		// triples of tags
		f3(33, s0.p, b0.p, b1.p),
		f3(34, s1.p, s0.p, b0.p), f3(35, s2.p, s1.p, s0.p),
		f3(36, s0.p, s0l1.p, b0.p), f3(37, s0.p, s0r1.p, b0.p),
		f3(38, s0.p, b0.p, b0l1.p), f3(39, s1.p, s0.p, s0l1.p),
		f3(40, s1.p, s0.p, s0r1.p), f3(41, s1.p, s1r1.p, s0.p),
		f3(42, s1.p, s1l1.p, s0.p), f3(43, s1.p, s0.p, b1.p),
		f3(44, s0.w, s1.p, b0.p), f3(45, s0.p, s1.p, b0.w),
		// distance
		f2(47, s0.p, d), f2(48, b0.w, d), f2(49, b0.p, d),
		f3(50, s0.w, b0.w, d), f3(51, s0.p, b0.p, d),
		f3(52, s1.p, s0.p, d1),
		// valency
		f2(54, s0.w, val(s.nr, s0i)), f2(55, s0.p, val(s.nr, s0i)),
		f2(56, s0.w, val(s.nl, s0i)), f2(57, s0.p, val(s.nl, s0i)),
		f2(58, b0.w, val(s.nl, b0i)), f2(59, b0.p, val(s.nl, b0i)),
		f2(60, s1.p, val(s.nr, s1i)),
		// children
		f1(61, s0l1.w), f1(62, s0l1.p), f1(63, lab(s, s0l1i)),
		f1(64, s0r1.w), f1(65, s0r1.p), f1(66, lab(s, s0r1i)),
		f1(67, b0l1.w), f1(69, lab(s, b0l1i)),
		f1(70, s0l2.w), f1(71, s0l2.p), f1(72, lab(s, s0l2i)),
		f1(78, lab(s, b0l2i)),
		f1(79, s1r1.p), f1(80, lab(s, s1r1i)), f1(81, lab(s, s1l1i)),
		f3(82, s0.p, lab(s, s0l1i), lab(s, s0l2i)),
		f3(83, s0.p, lab(s, s0r1i), lab(s, s0r2i)),
		f3(84, b0.p, lab(s, b0l1i), lab(s, b0l2i)),
		f3(85, s0.p, s0l1.p, s0l2.p), f3(86, s0.p, s0r1.p, s0r2.p),
		f3(87, b0.p, b0l1.p, b0l2.p),
		// label sets
		f2(88, s0.w, set(s.rset, s0i)), f2(89, s0.p, set(s.rset, s0i)),
		f2(90, s0.w, set(s.lset, s0i)), f2(91, s0.p, set(s.lset, s0i)),
		f2(92, b0.w, set(s.lset, b0i)), f2(93, b0.p, set(s.lset, b0i)),
		f2(94, s1.p, set(s.rset, s1i)),
		// coarse tags, robust to XPOS errors
		f2(95, s0.u, b0.u), f2(96, s1.u, s0.u), f3(97, s1.u, s0.u, b0.u),
		f3(98, s0.u, b0.u, b1.u),
		// punctuation between the candidate head and dependent
		f3(99, s0.p, b0.p, pb0), f3(100, s1.p, s0.p, pb1),
		f3(101, s0.w, b0.u, pb0), f3(102, s1.u, s0.w, pb1),
		// word classes from raw text
		f2(107, s0.c, b0.c), f2(109, s1.g, s0.g),
		f2(111, s0.p, b0.c), f3(112, s1.g, s0.g, b0.g),
		f2(113, s1.c, s0.p), f2(114, s1.p, s0.c),
		// supertags: each word's predicted relation and head side
		f2(119, s0.s, b0.s), f2(120, s1.s, s0.s), f3(121, s1.s, s0.s, b0.s),
		f2(122, s0.s, b0.p), f2(123, s0.p, b0.s), f2(124, s1.s, s0.p), f2(125, s1.p, s0.s),
	)
}

// labelFeatures appends the features for labelling the arc h -> d, made
// when d is popped: d's subtree is complete by then, so its children
// (notably a case marker or auxiliary) are known, and so are the
// dependents h has collected so far.
func labelFeatures(dst []uint64, c *ctx, s *state, h, d int32) []uint64 {
	hd, dd := c.at(h), c.at(d)
	dir, dist := arcDirDist(h, d)
	dl1, dr1 := child(s.l1, d), child(s.r1, d)
	dl1a, dr1a := c.at(dl1), c.at(dr1)
	before, after := c.at(d-1), c.at(d+1)
	if int(d+1) >= s.n {
		after = noneAtom
	}
	hnext := noneAtom
	if int(h) < s.n {
		hnext = c.at(h + 1)
	}
	hp, dp := hd.p, dd.p
	hdp := hp*31 ^ dp
	return append(dst,
		f2(1, dir, dp), f2(2, dir, hp), f3(3, dir, hp, dp),
		f3(4, dir, hd.w, dp), f3(5, dir, hp, dd.w), f2(6, dir, dd.w), f2(7, dir, hd.w),
		f3(8, dir, hd.w, dd.w), f3(9, dir, dp, dist), f3(10, dir, hdp, dist),
		f3(11, dir, dp, set(s.lset, d)), f3(12, dir, dp, set(s.rset, d)),
		f3(13, dir, hp, set(s.lset, h)|set(s.rset, h)<<1),
		f3(14, dir, dp, lab(s, dl1)), f3(15, dir, dp, lab(s, dr1)),
		f3(16, dir, dd.c, hp), f3(17, dir, dp, hd.c), f2(18, dir, dd.c),
		f3(19, dir, dd.u, hd.u),
		f3(20, dir, dp, before.p), f3(21, dir, dp, after.p), f3(22, dir, hp, hnext.p),
		f3(23, dir, hdp, c.punctBetween(h, d)),
		f3(24, dir, dp, dl1a.w), f3(25, dir, hp, dl1a.w), f3(26, dir, dd.w, dl1a.w),
		f3(27, dir, dp, dr1a.p), f3(28, dir, hdp, dl1a.p),
		f3(29, dir, dd.w, hp), f3(30, dir, dd.u, set(s.lset, d)),
		f2(31, dir, dd.s), f3(32, dir, dd.s, hp), f3(33, dir, dd.s, hd.s),
	)
}

// arcDirDist returns the label features' direction of the arc h -> d (1:
// the dependent is on the left) and its bucketed length.
func arcDirDist(h, d int32) (dir, dist uint64) {
	dir, dist = 1, uint64(h-d)
	if d > h {
		dir, dist = 2, uint64(d-h)
	}
	switch {
	case dist > 10:
		dist = 11
	case dist > 5:
		dist = 6
	}
	return dir, dist
}
