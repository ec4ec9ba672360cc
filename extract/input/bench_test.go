package input

import (
	"context"
	"os"
	"testing"

	"github.com/kg-project/kg/extract/document"
)

// BenchmarkWalkReuters measures reading the Reuters-21578 JSONL (decode,
// clean, unwrap, date parsing) through Walk.
func BenchmarkWalkReuters(b *testing.B) {
	path := sharedFile(b, "data/corpus/reuters21578.jsonl")
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	docs := 0
	for i := 0; i < b.N; i++ {
		err := Walk(context.Background(), []string{path}, nil, func(*document.Document) error {
			docs++
			return nil
		}, nil)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "docs/s")
}
