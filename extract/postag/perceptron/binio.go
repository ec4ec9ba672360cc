package perceptron

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"unsafe"
)

// Encoder writes the uvarint-and-string framing that the tagger and parser
// model files use around their Models. The first error sticks; check Err
// once at the end.
type Encoder struct {
	w   *bufio.Writer
	err error
	buf [binary.MaxVarintLen64]byte
}

// NewEncoder returns an Encoder writing to w. Call Flush when done.
func NewEncoder(w io.Writer) *Encoder { return &Encoder{w: bufio.NewWriter(w)} }

// Uint writes v as a uvarint.
func (e *Encoder) Uint(v uint64) {
	if e.err != nil {
		return
	}
	n := binary.PutUvarint(e.buf[:], v)
	_, e.err = e.w.Write(e.buf[:n])
}

// Str writes a length-prefixed string.
func (e *Encoder) Str(s string) {
	e.Uint(uint64(len(s)))
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// Model writes m.
func (e *Encoder) Model(m *Model) {
	if e.err == nil {
		_, e.err = m.WriteTo(e.w)
	}
}

// Flush writes buffered data and returns the first error.
func (e *Encoder) Flush() error {
	if e.err == nil {
		e.err = e.w.Flush()
	}
	return e.err
}

// Decoder reads what Encoder writes. It reads its input whole on creation.
// The first error sticks and later reads return zero values; check Err
// once at the end.
type Decoder struct {
	sr  sliceReader
	err error
}

// NewDecoder returns a Decoder reading all of r.
func NewDecoder(r io.Reader) *Decoder {
	b, err := io.ReadAll(r)
	return &Decoder{sr: sliceReader{b: bytesToString(b)}, err: err}
}

// NewDecoderBytes returns a Decoder reading b, which the caller must not
// modify afterwards: the decoder and the strings it returns share its
// memory.
func NewDecoderBytes(b []byte) *Decoder {
	return &Decoder{sr: sliceReader{b: bytesToString(b)}}
}

// bytesToString returns b as a string without copying it (models are
// megabytes). It is safe only because b is never written again: every
// caller hands over a buffer that nothing else references.
func bytesToString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// Err returns the first error met.
func (d *Decoder) Err() error { return d.err }

// Fail records err unless an error is already recorded.
func (d *Decoder) Fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

// Uint reads a uvarint.
func (d *Decoder) Uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, err := d.sr.uvarint()
	d.err = err
	return v
}

// Count reads a collection length, refusing absurd values so that a
// corrupt file cannot make the reader allocate gigabytes.
func (d *Decoder) Count() int {
	v := d.Uint()
	if v > 1<<24 {
		d.Fail(fmt.Errorf("implausible count %d", v))
		return 0
	}
	return int(v)
}

// Str reads a length-prefixed string. The string shares memory with the
// decoded input (see sliceReader).
func (d *Decoder) Str() string {
	n := d.Count()
	if d.err != nil || n == 0 {
		return ""
	}
	s, err := d.sr.bytes(n)
	d.err = err
	return s
}

// Model reads a Model.
func (d *Decoder) Model() *Model {
	if d.err != nil {
		return nil
	}
	m, err := decodeModel(&d.sr)
	d.Fail(err)
	return m
}
