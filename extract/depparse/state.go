package depparse

// state is an arc-hybrid configuration (Kuhlmann et al. 2011) with the
// artificial root placed at the END of the buffer (Ballesteros & Nivre 2013):
// words are 0..n-1, the root is n. Keeping the root last lets the parser
// postpone the choice of the sentence head until everything else is built,
// and the rule "the root may only take a dependent when the stack holds a
// single word" guarantees exactly one root word per sentence.
//
// Transitions:
//
//	SHIFT    push b0 onto the stack
//	LEFT(l)  b0 --l--> s0, pop s0
//	RIGHT(l) s1 --l--> s0, pop s0
type state struct {
	n      int
	stack  []int32
	b      int32
	heads  []int32 // -1 until attached; n for the root
	labels []int16 // label index, -1 until attached
	// Two leftmost and two rightmost children per node, -1 for none.
	l1, l2, r1, r2 []int32
	nl, nr         []uint8  // left and right valency (capped)
	lset, rset     []uint64 // bit sets of the labels of left/right children
}

func (s *state) reset(n int) {
	s.n = n
	s.stack = s.stack[:0]
	s.b = 0
	grow32 := func(x []int32) []int32 {
		if cap(x) < n+1 {
			return make([]int32, n+1)
		}
		return x[:n+1]
	}
	s.heads = grow32(s.heads)
	s.l1, s.l2, s.r1, s.r2 = grow32(s.l1), grow32(s.l2), grow32(s.r1), grow32(s.r2)
	if cap(s.labels) < n+1 {
		s.labels = make([]int16, n+1)
		s.nl, s.nr = make([]uint8, n+1), make([]uint8, n+1)
		s.lset, s.rset = make([]uint64, n+1), make([]uint64, n+1)
	}
	s.labels, s.nl, s.nr = s.labels[:n+1], s.nl[:n+1], s.nr[:n+1]
	s.lset, s.rset = s.lset[:n+1], s.rset[:n+1]
	for i := 0; i <= n; i++ {
		s.heads[i], s.labels[i] = -1, -1
		s.l1[i], s.l2[i], s.r1[i], s.r2[i] = -1, -1, -1, -1
		s.nl[i], s.nr[i] = 0, 0
		s.lset[i], s.rset[i] = 0, 0
	}
}

func (s *state) terminal() bool { return int(s.b) == s.n && len(s.stack) == 0 }

// s returns the i-th stack element from the top, or -1.
func (s *state) s(i int) int32 {
	if i < len(s.stack) {
		return s.stack[len(s.stack)-1-i]
	}
	return -1
}

func (s *state) addArc(h, d int32, label int) {
	s.heads[d] = h
	s.labels[d] = int16(label)
	bit := uint64(1) << (uint(label) & 63)
	if d < h {
		switch {
		case s.l1[h] < 0 || d < s.l1[h]:
			s.l2[h], s.l1[h] = s.l1[h], d
		case s.l2[h] < 0 || d < s.l2[h]:
			s.l2[h] = d
		}
		if s.nl[h] < 255 {
			s.nl[h]++
		}
		s.lset[h] |= bit
	} else {
		switch {
		case s.r1[h] < 0 || d > s.r1[h]:
			s.r2[h], s.r1[h] = s.r1[h], d
		case s.r2[h] < 0 || d > s.r2[h]:
			s.r2[h] = d
		}
		if s.nr[h] < 255 {
			s.nr[h]++
		}
		s.rset[h] |= bit
	}
}

// Transition encoding for apply: 0 is SHIFT, 1+2l is LEFT(l), 2+2l is
// RIGHT(l).
const shift = 0

func isLeft(t int) bool { return t > 0 && t%2 == 1 }
func labelOf(t int) int { return (t - 1) / 2 }
func leftOf(l int) int  { return 1 + 2*l }
func rightOf(l int) int { return 2 + 2*l }

func (s *state) apply(t int) {
	switch {
	case t == shift:
		s.stack = append(s.stack, s.b)
		s.b++
	case isLeft(t):
		s0 := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		s.addArc(s.b, s0, labelOf(t))
	default:
		s0 := s.stack[len(s.stack)-1]
		s1 := s.stack[len(s.stack)-2]
		s.stack = s.stack[:len(s.stack)-1]
		s.addArc(s1, s0, labelOf(t))
	}
}

// Costs of the dynamic oracle for arc-hybrid (Goldberg & Nivre 2013): the
// number of gold arcs a transition makes unreachable. gh/gl are the gold
// heads (n for the root) and labels.

func (s *state) shiftCost(gh []int32) int {
	b := s.b
	c := 0
	top := len(s.stack) - 1
	for i, k := range s.stack {
		if gh[b] == k && i != top {
			c++ // b0 can only get a head from s0 or the buffer once pushed
		}
		if gh[k] == b {
			c++ // b0 can no longer take stack words as dependents
		}
	}
	return c
}

// reduceCost is the cost of popping s0 with head h (b0 for LEFT, s1 for
// RIGHT), not counting the label.
func (s *state) reduceCost(gh []int32, h int32, left bool) int {
	s0 := s.stack[len(s.stack)-1]
	s1 := s.s(1)
	c := 0
	g := gh[s0]
	if g != h {
		if left {
			if g == s1 || g > s.b {
				c++
			}
		} else if g >= s.b {
			c++
		}
	}
	for k := int(s.b); k < s.n; k++ {
		if gh[k] == s0 {
			c++
		}
	}
	return c
}
