package perceptron

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// The on-disk layout (before any compression the caller adds) is:
//
//	magic "PCPT" version(uvarint)=1
//	nClasses nKeys nWeights scale(float64 bits, uvarint)
//	nKeys × delta-coded key (uvarint)   — keys are sorted
//	nKeys × weight count (uvarint)
//	nWeights × class (uvarint)
//	nWeights × quantised weight (zigzag varint of round(w/scale))
//
// Deltas and small counts make the stream compress well with gzip.
// Quantising to 16 bits costs nothing measurable in accuracy: a perceptron
// is a linear model whose decisions rarely hinge on the fourth significant
// digit of one weight.
const magic = "PCPT"

// WriteTo serialises m to w.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	var n int64
	buf := make([]byte, binary.MaxVarintLen64)
	put := func(v uint64) {
		k := binary.PutUvarint(buf, v)
		bw.Write(buf[:k])
		n += int64(k)
	}
	bw.WriteString(magic)
	n += 4
	maxAbs := 0.0
	for _, x := range m.w {
		maxAbs = math.Max(maxAbs, math.Abs(float64(x)))
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	put(1)
	put(uint64(m.nClasses))
	put(uint64(len(m.keys)))
	put(uint64(len(m.w)))
	put(math.Float64bits(scale))
	prev := uint32(0)
	for _, k := range m.keys {
		put(uint64(k - prev))
		prev = k
	}
	for i := range m.keys {
		put(uint64(m.start[i+1] - m.start[i]))
	}
	for _, c := range m.cls {
		put(uint64(c))
	}
	for _, x := range m.w {
		q := int64(math.Round(float64(x) / scale))
		put(uint64((q << 1) ^ (q >> 63)))
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("perceptron: write: %w", err)
	}
	return n, nil
}

// ReadModel reads a model written by WriteTo.
func ReadModel(r io.Reader) (*Model, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("perceptron: read: %w", err)
	}
	return decodeModel(&sliceReader{b: bytesToString(b)})
}

// sliceReader decodes varints straight from memory: models are read whole
// and decoding from memory is several times faster than byte-by-byte
// through a bufio.Reader, which matters for load time. It holds a string,
// not a []byte, so that the strings it returns are substrings of it and
// cost no allocation each (tens of thousands of dictionary words per
// model); they keep the whole decoded file in memory for as long as any of
// them lives, which for a model that lives as long as the process is
// cheaper than an allocation per word.
type sliceReader struct {
	b   string
	pos int
	err error // first error of next
}

var errShort = errors.New("unexpected end of data")

func (s *sliceReader) uvarint() (uint64, error) {
	// The one-byte case (most values) first, then binary.Uvarint's loop.
	if s.pos < len(s.b) && s.b[s.pos] < 0x80 {
		v := uint64(s.b[s.pos])
		s.pos++
		return v, nil
	}
	var x uint64
	var shift uint
	for i := 0; i < binary.MaxVarintLen64; i++ {
		if s.pos >= len(s.b) {
			return 0, errShort
		}
		c := s.b[s.pos]
		s.pos++
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				return 0, errOverflow
			}
			return x | uint64(c)<<shift, nil
		}
		x |= uint64(c&0x7f) << shift
		shift += 7
	}
	return 0, errOverflow
}

var errOverflow = errors.New("varint overflows 64 bits")

// next returns the next uvarint, recording the first error in s.err (the
// values read after an error are meaningless; callers check s.err before
// trusting them). The one-byte case is small enough to be inlined into the
// decoding loops, which read millions of values per model.
func (s *sliceReader) next() uint64 {
	if p := s.pos; p < len(s.b) {
		if c := s.b[p]; c < 0x80 {
			s.pos = p + 1
			return uint64(c)
		}
	}
	return s.nextSlow()
}

// nextSlow is kept out of line so that next stays small enough to inline.
//
//go:noinline
func (s *sliceReader) nextSlow() uint64 {
	if s.err != nil {
		return 0
	}
	v, err := s.uvarint()
	s.err = err
	return v
}

func (s *sliceReader) bytes(n int) (string, error) {
	if n < 0 || n > len(s.b)-s.pos {
		return "", errShort
	}
	out := s.b[s.pos : s.pos+n]
	s.pos += n
	return out, nil
}

func decodeModel(sr *sliceReader) (*Model, error) {
	get := func() uint64 { return sr.next() }
	mg, err := sr.bytes(4)
	if err != nil {
		return nil, fmt.Errorf("perceptron: read header: %w", err)
	}
	if mg != magic {
		return nil, errors.New("perceptron: not a model file (bad magic)")
	}
	if v := get(); sr.err == nil && v != 1 {
		return nil, fmt.Errorf("perceptron: unsupported model version %d", v)
	}
	nClasses, nKeys, nWeights := get(), get(), get()
	scale := math.Float64frombits(get())
	if err = sr.err; err != nil {
		return nil, fmt.Errorf("perceptron: read header: %w", err)
	}
	const limit = 1 << 28
	if nClasses == 0 || nClasses > MaxClasses || nKeys > limit || nWeights > limit || nKeys > nWeights {
		return nil, fmt.Errorf("perceptron: implausible header (%d classes, %d keys, %d weights)", nClasses, nKeys, nWeights)
	}
	m := &Model{
		nClasses: int(nClasses),
		keys:     make([]uint32, nKeys),
		start:    make([]uint32, nKeys+1),
		cls:      make([]uint16, nWeights),
		w:        make([]float32, nWeights),
	}
	// Keys must be non-zero and strictly increasing: the lookup table
	// depends on it (see buildTable).
	// The loops below inline next's one-byte case by hand (the compiler
	// will not: it is past its inlining budget), as most values are one
	// byte and there are millions of them.
	b, pos := sr.b, sr.pos
	prev := uint64(0)
	for i := range m.keys {
		// Key deltas mostly take two or three bytes.
		var c0, c1, c2 byte = 0x80, 0x80, 0x80
		if pos+2 < len(b) {
			c0, c1, c2 = b[pos], b[pos+1], b[pos+2]
		}
		if c0 < 0x80 {
			prev += uint64(c0)
			pos++
		} else if c1 < 0x80 {
			prev += uint64(c0&0x7f) | uint64(c1)<<7
			pos += 2
		} else if c2 < 0x80 {
			prev += uint64(c0&0x7f) | uint64(c1&0x7f)<<7 | uint64(c2)<<14
			pos += 3
		} else {
			sr.pos = pos
			prev += sr.nextSlow()
			pos = sr.pos
		}
		if (prev == 0 || (i > 0 && uint32(prev) == m.keys[i-1]) || prev > math.MaxUint32) && err == nil {
			err = errors.New("keys out of order")
		}
		m.keys[i] = uint32(prev)
	}
	for i := range m.keys {
		var n uint64
		if pos < len(b) && b[pos] < 0x80 {
			n = uint64(b[pos])
			pos++
		} else {
			sr.pos = pos
			n = sr.nextSlow()
			pos = sr.pos
		}
		if n > nWeights-uint64(m.start[i]) && err == nil {
			err = errors.New("weight counts do not add up")
		}
		m.start[i+1] = m.start[i] + uint32(n)
	}
	for i := range m.cls {
		var c uint64
		if pos < len(b) && b[pos] < 0x80 {
			c = uint64(b[pos])
			pos++
		} else {
			sr.pos = pos
			c = sr.nextSlow()
			pos = sr.pos
		}
		if c >= nClasses {
			return nil, fmt.Errorf("perceptron: class %d out of range", c)
		}
		m.cls[i] = uint16(c)
	}
	for i := range m.w {
		// Quantised weights mostly take two or three bytes.
		var u uint64
		var c0, c1, c2 byte = 0x80, 0x80, 0x80
		if pos+2 < len(b) {
			c0, c1, c2 = b[pos], b[pos+1], b[pos+2]
		}
		if c0 < 0x80 {
			u = uint64(c0)
			pos++
		} else if c1 < 0x80 {
			u = uint64(c0&0x7f) | uint64(c1)<<7
			pos += 2
		} else if c2 < 0x80 {
			u = uint64(c0&0x7f) | uint64(c1&0x7f)<<7 | uint64(c2)<<14
			pos += 3
		} else {
			sr.pos = pos
			u = sr.nextSlow()
			pos = sr.pos
		}
		q := int64(u>>1) ^ -int64(u&1)
		m.w[i] = float32(float64(q) * scale)
	}
	sr.pos = pos
	if err == nil {
		err = sr.err
	}
	if err != nil {
		return nil, fmt.Errorf("perceptron: read weights: %w", err)
	}
	if m.start[nKeys] != uint32(nWeights) {
		return nil, errors.New("perceptron: weight counts do not add up")
	}
	m.buildTable()
	return m, nil
}
