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
	return decodeModel(&sliceReader{b: string(b)})
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

func (s *sliceReader) bytes(n int) (string, error) {
	if n < 0 || n > len(s.b)-s.pos {
		return "", errShort
	}
	out := s.b[s.pos : s.pos+n]
	s.pos += n
	return out, nil
}

func decodeModel(sr *sliceReader) (*Model, error) {
	var err error
	get := func() uint64 {
		if err != nil {
			return 0
		}
		var v uint64
		v, err = sr.uvarint()
		return v
	}
	mg, err := sr.bytes(4)
	if err != nil {
		return nil, fmt.Errorf("perceptron: read header: %w", err)
	}
	if string(mg) != magic {
		return nil, errors.New("perceptron: not a model file (bad magic)")
	}
	if v := get(); err == nil && v != 1 {
		return nil, fmt.Errorf("perceptron: unsupported model version %d", v)
	}
	nClasses, nKeys, nWeights := get(), get(), get()
	scale := math.Float64frombits(get())
	if err != nil {
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
	prev := uint64(0)
	for i := range m.keys {
		prev += get()
		if (prev == 0 || (i > 0 && uint32(prev) == m.keys[i-1]) || prev > math.MaxUint32) && err == nil {
			err = errors.New("keys out of order")
		}
		m.keys[i] = uint32(prev)
	}
	for i := range m.keys {
		m.start[i+1] = m.start[i] + uint32(get())
	}
	for i := range m.cls {
		c := get()
		if c >= nClasses {
			return nil, fmt.Errorf("perceptron: class %d out of range", c)
		}
		m.cls[i] = uint16(c)
	}
	for i := range m.w {
		u := get()
		q := int64(u>>1) ^ -int64(u&1)
		m.w[i] = float32(float64(q) * scale)
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
