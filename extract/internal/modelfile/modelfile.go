// Package modelfile reads the embedded model files of the NLP packages.
//
// The tagger, parser and recogniser models were once stored gzipped and
// are now stored plain: decompressing took about half of each load, and
// git compresses the files it stores about as well. Read accepts both, so
// a model file from before the change still loads.
package modelfile

import (
	"bytes"
	"compress/gzip"
	"io"
)

// Read returns the model bytes of r, decompressed if r is gzipped.
func Read(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		return b, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}
