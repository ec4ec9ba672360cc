package modelfile

import (
	"bytes"
	"compress/gzip"
	"testing"
)

// Plain and gzipped model files read to the same bytes; a truncated
// gzip stream is an error, not a short model.
func TestReadPlainAndGzipped(t *testing.T) {
	want := []byte("KGMODEL some model bytes")
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(want)
	zw.Close()
	for name, in := range map[string][]byte{"plain": want, "gzipped": z.Bytes()} {
		got, err := Read(bytes.NewReader(in))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: got %q, %v", name, got, err)
		}
	}
	if _, err := Read(bytes.NewReader(z.Bytes()[:z.Len()-6])); err == nil {
		t.Error("truncated gzip read without error")
	}
}
