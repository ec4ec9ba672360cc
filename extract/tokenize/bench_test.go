package tokenize

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// BenchmarkSegment measures throughput on the first 2000 Reuters-21578
// articles and reports words (tokens) per second.
func BenchmarkSegment(b *testing.B) {
	path := sharedFile(b, "data/corpus/reuters21578.jsonl")
	f, err := os.Open(path)
	if err != nil {
		b.Fatalf("open: %v", err)
	}
	defer f.Close()
	var texts []string
	var bytes int
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() && len(texts) < 2000 {
		var rec struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			b.Fatalf("decode: %v", err)
		}
		texts = append(texts, rec.Text)
		bytes += len(rec.Text)
	}
	if err := sc.Err(); err != nil {
		b.Fatalf("read: %v", err)
	}
	words := 0
	for _, t := range texts {
		for _, s := range Segment(t) {
			words += len(s.Tokens)
		}
	}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			Segment(t)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkSegmentAdversarial measures long inputs without spaces, where
// a careless scanner goes quadratic (e-mail, URL and abbreviation look-ahead).
func BenchmarkSegmentAdversarial(b *testing.B) {
	const n = 1 << 20
	inputs := map[string]string{
		"dots":     strings.Repeat("a.", n/2),
		"local":    strings.Repeat("a.", n/2) + "@",
		"localbad": strings.Repeat("a.", n/2) + "!b@x.com",
		"hyphens":  strings.Repeat("ab-", n/3),
		"url":      "http://x.com/" + strings.Repeat("a)", n/2),
		"parens":   strings.Repeat("(", n),
		"quotes":   strings.Repeat("“a.” ", n/8),
		"invalid":  strings.Repeat("\xff", n),
		"abbrev":   strings.Repeat("U.S. ", n/5),
	}
	for name, in := range inputs {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for i := 0; i < b.N; i++ {
				Segment(in)
			}
		})
	}
}
