package ner

import (
	"bufio"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"sync"
	"unsafe"

	"github.com/kg-project/kg/extract/internal/modelfile"
)

// The model file is a sequence of little-endian binary sections (see Save).
// It is a plain format rather than gob, and not compressed (the weights are
// floats that gzip shrinks by only a fifth; git compresses anyway), so that
// loading the embedded model stays well under 100 ms. Load also accepts a
// gzip-compressed file.
const magic = "KGNER\x01"

// modelFS holds the committed model; model/ also has a README so the
// directory embeds even before a model was trained.
//
//go:embed model
var modelFS embed.FS

const modelPath = "model/ner.bin"

// The embedded model is decoded once, on first use, and shared: a
// Recognizer is immutable, so sharing it across goroutines is safe.
var defaultModel = sync.OnceValues(func() (*Recognizer, error) {
	f, err := modelFS.Open(modelPath)
	if err != nil {
		return nil, fmt.Errorf("ner: embedded model missing (run `kg train ner`): %w", err)
	}
	defer f.Close()
	return Load(f)
})

// Default returns the embedded model, loading it on first call.
func Default() (*Recognizer, error) { return defaultModel() }

type binWriter struct {
	w   *bufio.Writer
	err error
	buf [binary.MaxVarintLen64]byte
}

func (b *binWriter) uvarint(x uint64) {
	if b.err == nil {
		n := binary.PutUvarint(b.buf[:], x)
		_, b.err = b.w.Write(b.buf[:n])
	}
}

func (b *binWriter) bytes(p []byte) {
	if b.err == nil {
		_, b.err = b.w.Write(p)
	}
}

func (b *binWriter) str(s string) {
	b.uvarint(uint64(len(s)))
	if b.err == nil {
		_, b.err = b.w.WriteString(s)
	}
}

func (b *binWriter) u64(x uint64) {
	var p [8]byte
	binary.LittleEndian.PutUint64(p[:], x)
	b.bytes(p[:])
}

func (b *binWriter) f32(x float32) {
	var p [4]byte
	binary.LittleEndian.PutUint32(p[:], math.Float32bits(x))
	b.bytes(p[:])
}

// Save writes the model. Output is deterministic for a given model.
func (r *Recognizer) Save(w io.Writer) error {
	bw := &binWriter{w: bufio.NewWriter(w)}
	bw.bytes([]byte(magic))
	bw.f32(r.scale)
	bw.f32(r.minConf)
	// Features sorted by hash so equal models give equal files.
	keys := r.feats.keys
	bw.uvarint(uint64(len(keys)))
	for j, h := range keys {
		bw.u64(h)
		row := r.feats.row(j)
		bw.uvarint(uint64(len(row)))
		for _, x := range row {
			bw.bytes([]byte{byte(x.tag)})
			bw.f32(x.w)
		}
	}
	for a := range r.trans {
		for b := range r.trans[a] {
			bw.f32(r.trans[a][b])
		}
	}
	lx := r.lx
	ph := make([]uint64, 0, len(lx.phrases))
	for h := range lx.phrases {
		ph = append(ph, h)
	}
	sort.Slice(ph, func(i, j int) bool { return ph[i] < ph[j] })
	bw.uvarint(uint64(len(ph)))
	for _, h := range ph {
		bw.u64(h)
		bw.bytes([]byte{lx.phrases[h].typ, lx.phrases[h].bucket})
	}
	// Word statistics and capitalisation buckets are written from vocab,
	// which is all a loaded model keeps.
	var ws, cs []string
	for w, e := range lx.vocab {
		if e.hasInfo {
			ws = append(ws, w)
		}
		if e.capr != 'u' {
			cs = append(cs, w)
		}
	}
	sort.Strings(ws)
	sort.Strings(cs)
	bw.uvarint(uint64(len(ws)))
	for _, w := range ws {
		wi := lx.vocab[w].info
		var flags byte
		if wi.first {
			flags |= 1
		}
		if wi.last {
			flags |= 2
		}
		flags |= min(wi.maxPhrase, maxPhraseLen) << 2
		bw.str(w)
		bw.bytes([]byte{wi.typ, wi.bucket, flags})
	}
	bw.uvarint(uint64(len(cs)))
	for _, w := range cs {
		bw.str(w)
		bw.bytes([]byte{lx.vocab[w].capr})
	}
	ts := sortedKeys(lx.titles)
	bw.uvarint(uint64(len(ts)))
	for _, w := range ts {
		bw.str(w)
	}
	if bw.err == nil {
		bw.err = bw.w.Flush()
	}
	if bw.err != nil {
		return fmt.Errorf("ner: save: %w", bw.err)
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// binReader decodes from the fully decompressed model; reading from a
// byte slice rather than through io.Reader keeps Load fast.
type binReader struct {
	p   []byte
	err error
}

func (b *binReader) take(n int) []byte {
	if b.err != nil {
		return nil
	}
	if n > len(b.p) {
		b.err = io.ErrUnexpectedEOF
		return nil
	}
	x := b.p[:n]
	b.p = b.p[n:]
	return x
}

func (b *binReader) uvarint() uint64 {
	if b.err != nil {
		return 0
	}
	x, n := binary.Uvarint(b.p)
	if n <= 0 {
		b.err = io.ErrUnexpectedEOF
		return 0
	}
	b.p = b.p[n:]
	return x
}

func (b *binReader) u64() uint64 {
	if p := b.take(8); p != nil {
		return binary.LittleEndian.Uint64(p)
	}
	return 0
}

func (b *binReader) f32() float32 {
	if p := b.take(4); p != nil {
		return math.Float32frombits(binary.LittleEndian.Uint32(p))
	}
	return 0
}

func (b *binReader) byte1() byte {
	if p := b.take(1); p != nil {
		return p[0]
	}
	return 0
}

// count reads a length and rejects absurd values from corrupt input.
func (b *binReader) count(limit uint64) int {
	n := b.uvarint()
	if b.err == nil && n > limit {
		b.err = fmt.Errorf("corrupt model: count %d exceeds %d", n, limit)
	}
	return int(n)
}

// str returns a string that shares the model data's memory (see Load).
func (b *binReader) str() string {
	n := b.count(1 << 16)
	p := b.take(n)
	if len(p) == 0 {
		return ""
	}
	return unsafe.String(&p[0], len(p))
}

// Load reads a model written by Save.
func Load(rd io.Reader) (*Recognizer, error) {
	data, err := modelfile.Read(rd)
	if err != nil {
		return nil, fmt.Errorf("ner: load: %w", err)
	}
	// data is private to Load and never written after this point, so the
	// strings read from it (some hundred thousand words) share its memory
	// instead of each being allocated: the model lives as long as the
	// process, and so would they.
	br := &binReader{p: data}
	if string(br.take(len(magic))) != magic {
		return nil, errors.New("ner: load: not a kg NER model")
	}
	r := &Recognizer{}
	r.scale = br.f32()
	r.minConf = br.f32()
	if !(r.scale > 0) || !(r.minConf >= 0 && r.minConf < 1) {
		br.err = fmt.Errorf("corrupt model: confidence scale %v, threshold %v", r.scale, r.minConf)
	}
	nf := br.count(1 << 26)
	keys := make([]uint64, 0, nf)
	rows := make([][]wt, 0, nf)
	all := make([]wt, 0, 4*nf)
	for i := 0; i < nf && br.err == nil; i++ {
		h := br.u64()
		k := br.count(numTags)
		if k == 0 && br.err == nil {
			br.err = errors.New("corrupt model: empty feature row")
		}
		start := len(all)
		for j := 0; j < k; j++ {
			t := br.byte1()
			if t >= numTags && br.err == nil {
				br.err = fmt.Errorf("corrupt model: tag %d", t)
			}
			all = append(all, wt{tag: uint32(t), w: br.f32()})
		}
		keys = append(keys, h)
		rows = append(rows, all[start:len(all):len(all)])
	}
	for i := 1; i < len(keys) && br.err == nil; i++ {
		if keys[i] <= keys[i-1] {
			br.err = errors.New("corrupt model: feature keys out of order")
		}
	}
	r.feats = newFeatTableSorted(keys, rows)
	for a := range r.trans {
		for b := range r.trans[a] {
			r.trans[a][b] = br.f32()
		}
	}
	lx := &lexicon{maxLen: maxPhraseLen}
	np := br.count(1 << 26)
	lx.phrases = make(map[uint64]phraseInfo, np)
	for i := 0; i < np && br.err == nil; i++ {
		h := br.u64()
		t, b := br.byte1(), br.byte1()
		if t >= numTypes && br.err == nil {
			br.err = fmt.Errorf("corrupt model: type %d", t)
		}
		lx.phrases[h] = phraseInfo{typ: t, bucket: b}
	}
	// The word statistics are read into a slice first so that vocab can
	// be made big enough for them and the capitalisation words together:
	// growing a map of ~100k strings costs more than filling it.
	nw := br.count(1 << 26)
	type infoWord struct {
		w string
		e lexEntry
	}
	infos := make([]infoWord, 0, min(nw, len(br.p)/4))
	for i := 0; i < nw && br.err == nil; i++ {
		w := br.str()
		t, b, fl := br.byte1(), br.byte1(), br.byte1()
		if t >= numTypes && br.err == nil {
			br.err = fmt.Errorf("corrupt model: type %d", t)
		}
		wi := wordInfo{typ: t, bucket: b, first: fl&1 != 0, last: fl&2 != 0, maxPhrase: fl >> 2}
		infos = append(infos, infoWord{w, lexEntry{info: wi, hasInfo: true, capr: 'u', maxPhrase: wi.maxPhrase}})
	}
	nc := br.count(1 << 26)
	lx.vocab = make(map[string]lexEntry, len(infos)+min(nc, len(br.p)/2))
	for _, x := range infos {
		lx.vocab[x.w] = x.e
	}
	for i := 0; i < nc && br.err == nil; i++ {
		w := br.str()
		e, ok := lx.vocab[w]
		if !ok {
			e = lexEntry{capr: 'u'}
		}
		e.capr = br.byte1()
		lx.vocab[w] = e
	}
	nt := br.count(1 << 20)
	lx.titles = make(map[string]bool, nt)
	for i := 0; i < nt && br.err == nil; i++ {
		w := br.str()
		lx.titles[w] = true
		lw := strings.ToLower(w)
		e, ok := lx.vocab[lw]
		if !ok {
			e = lexEntry{capr: 'u'}
		}
		e.title = true
		lx.vocab[lw] = e
	}
	if br.err != nil {
		return nil, fmt.Errorf("ner: load: %w", br.err)
	}
	r.lx = lx
	return r, nil
}
