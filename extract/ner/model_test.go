package ner

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/kg-project/kg/extract/conllu/conllutest"

	"github.com/kg-project/kg/extract/document"
	"github.com/kg-project/kg/extract/internal/modelbench"
	"github.com/kg-project/kg/extract/tokenize"
)

func readGold(t testing.TB, parts ...string) []Sentence {
	t.Helper()
	path := filepath.Join(append([]string{sharedData(t)}, parts...)...)
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("gold file missing: %v", err)
	}
	defer f.Close()
	s, err := ReadCoNLL(f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func embedded(t testing.TB) *Recognizer {
	t.Helper()
	r, err := Default()
	if err != nil {
		t.Fatalf("embedded model: %v", err)
	}
	return r
}

func TestEmbeddedModelGMBDev(t *testing.T) {
	gold := readGold(t, "gmb", "dev.conll")
	ev, err := embedded(t).Evaluate(gold, SchemeGMB, EvalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("GMB dev micro P %.4f R %.4f F1 %.4f", ev.Micro.Precision, ev.Micro.Recall, ev.Micro.F1)
	if ev.Micro.F1 < 0.82 {
		t.Errorf("GMB dev micro F1 %.4f < 0.82", ev.Micro.F1)
	}
}

func TestEmbeddedModelUNERDev(t *testing.T) {
	gold := readGold(t, "uner-en-ewt", "dev.conll")
	ev, err := embedded(t).Evaluate(gold, SchemeUNER, EvalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("UNER EWT dev micro P %.4f R %.4f F1 %.4f", ev.Micro.Precision, ev.Micro.Recall, ev.Micro.F1)
	if ev.Micro.F1 < 0.60 {
		t.Errorf("UNER dev micro F1 %.4f < 0.60", ev.Micro.F1)
	}
}

// seedMentions tags the seed article: one list of (type, text) per sentence.
type mention struct {
	typ  document.EntityType
	text string
}

func seedMentions(t *testing.T) [][]mention {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(conllutest.RepoRoot(t), "seeds", "000_87f9c890ea636cff.txt"))
	if err != nil {
		t.Skipf("seed article missing: %v", err)
	}
	r := embedded(t)
	var out [][]mention
	var sents [][]string
	for _, s := range tokenize.Segment(string(text)) {
		sents = append(sents, s.Words())
	}
	for k, ents := range r.RecognizeDocument(sents) {
		words := sents[k]
		var ms []mention
		for _, e := range ents {
			ms = append(ms, mention{e.Type, strings.Join(words[e.Start:e.End], " ")})
		}
		out = append(out, ms)
	}
	return out
}

func TestSeedArticle(t *testing.T) {
	sents := seedMentions(t)
	types := map[string]map[document.EntityType]int{}
	var all []mention
	for _, ms := range sents {
		for _, m := range ms {
			if types[m.text] == nil {
				types[m.text] = map[document.EntityType]int{}
			}
			types[m.text][m.typ]++
			all = append(all, m)
		}
	}
	has := func(text string, typ document.EntityType) bool { return types[text][typ] > 0 }
	// Names without their titles.
	for _, p := range []string{"Donald Trump", "Vladimir Putin", "Volodymyr Zelensky", "Trump", "Putin", "Zelensky"} {
		if !has(p, document.Person) {
			t.Errorf("%q not recognised as PERSON", p)
		}
	}
	for _, m := range all {
		if m.typ == document.Person && strings.Contains(m.text, "President") {
			t.Errorf("title inside person span: %q", m.text)
		}
		if strings.Contains(m.text, "Participates") {
			t.Errorf("headline verb inside an entity: %s %q", m.typ, m.text)
		}
	}
	// Places: every one is recognised as a place at least once, and its
	// first mention is a place.
	for _, p := range []string{"Kyiv", "Moscow", "Anchorage", "Alaska", "Ukraine"} {
		n := 0
		for typ, c := range types[p] {
			if typ.IsPlace() {
				n += c
			}
		}
		if n == 0 {
			t.Errorf("%q never recognised as a place (got %v)", p, types[p])
		}
		for _, m := range all {
			if m.text == p {
				if !m.typ.IsPlace() {
					t.Errorf("first mention of %q is %s, want a place", p, m.typ)
				}
				break
			}
		}
	}
	for _, c := range []struct {
		text string
		typ  document.EntityType
	}{
		{"NATO", document.Org},
		{"White House", document.Org},
		{"August 15 , 2025", document.Date},
		{"Russian", document.NORP},
		{"Ukrainian", document.NORP},
		{"European", document.NORP},
	} {
		if !has(c.text, c.typ) {
			t.Errorf("%q not recognised as %s (got %v)", c.text, c.typ, types[c.text])
		}
	}
	// The first sentence: "US President Donald Trump and Russian President
	// Vladimir Putin ..." – the nationality stays a separate NORP.
	first := sents[0]
	want := []mention{{document.NORP, "Russian"}, {document.Person, "Vladimir Putin"}}
	for i := 0; i+1 < len(first); i++ {
		if first[i] == want[0] && first[i+1] == want[1] {
			return
		}
	}
	t.Errorf("first sentence: want NORP Russian then PERSON Vladimir Putin, got %v", first)
}

func TestRecognizeEdgeCases(t *testing.T) {
	r := embedded(t)
	if got := r.Recognize(nil); got != nil {
		t.Errorf("empty sentence: got %v", got)
	}
	words := strings.Fields("See https://example.com/a or mail bob@example.org , said John Smith .")
	for _, e := range r.Recognize(words) {
		for i := e.Start; i < e.End; i++ {
			if strings.Contains(words[i], "example") {
				t.Errorf("URL or e-mail inside entity %v", words[e.Start:e.End])
			}
		}
		if e.Confidence <= 0 || e.Confidence > 1 {
			t.Errorf("confidence %v outside (0,1]", e.Confidence)
		}
	}
	// Odd input must not panic.
	r.Recognize([]string{"", " ", "\x00", "ünïcödé", strings.Repeat("x", 10000)})
}

func TestConcurrentRecognizeMatchesSequential(t *testing.T) {
	r := embedded(t)
	sents := [][]string{
		strings.Fields("US President Donald Trump met Russian President Vladimir Putin in Anchorage , Alaska ."),
		strings.Fields("The White House said NATO would meet on August 15 , 2025 ."),
		strings.Fields("he flew to kyiv with mr. zelensky on friday"),
	}
	want := make([][]Entity, len(sents))
	for i, s := range sents {
		want[i] = r.Recognize(s)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				i := (g + k) % len(sents)
				if got := r.Recognize(sents[i]); !reflect.DeepEqual(got, want[i]) {
					errs <- strings.Join(sents[i], " ")
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent result differs for %q", e)
	}
}

// BenchmarkRecognize tags GMB dev sentences (or a built-in text without
// ../shared) and reports words per second on one goroutine.
func BenchmarkRecognize(b *testing.B) {
	r := embedded(b)
	var sents [][]string
	if _, err := os.Stat(conllutest.SharedDir(b)); err == nil {
		for _, s := range readGold(b, "gmb", "dev.conll")[:2000] {
			sents = append(sents, s.Words)
		}
	} else {
		text, err := os.ReadFile(filepath.Join(conllutest.RepoRoot(b), "seeds", "000_87f9c890ea636cff.txt"))
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range tokenize.Segment(string(text)) {
			sents = append(sents, s.Words())
		}
	}
	words := 0
	for _, s := range sents {
		words += len(s)
	}
	b.ResetTimer()
	c0 := modelbench.CPUTime()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			r.Recognize(s)
		}
	}
	modelbench.ReportWords(b, words*b.N, c0)
}

// BenchmarkLoad decodes the embedded model (or KG_NER_MODEL), as Default
// does once.
func BenchmarkLoad(b *testing.B) {
	modelbench.TimeLoad(b, "KG_NER_MODEL", func() ([]byte, error) { return modelFS.ReadFile(modelPath) }, Load)
}

func TestRecognizeDocumentKeepsEverySentenceResult(t *testing.T) {
	r := embedded(t)
	doc := [][]string{
		strings.Fields("Ukrainian President Volodymyr Zelensky met NATO leaders in Brussels on Monday ."),
		strings.Fields("Trump said he would brief Zelensky and NATO on the outcome ."),
	}
	got := r.RecognizeDocument(doc)
	for k, words := range doc {
		// Everything Recognize finds is kept.
		have := map[[2]int]bool{}
		for _, e := range got[k] {
			have[[2]int{e.Start, e.End}] = true
		}
		for _, e := range r.Recognize(words) {
			if !have[[2]int{e.Start, e.End}] {
				t.Errorf("sentence %d: RecognizeDocument lost %v", k, words[e.Start:e.End])
			}
		}
	}
	found := false
	for _, e := range got[1] {
		if e.Type == document.Person && strings.Join(doc[1][e.Start:e.End], " ") == "Zelensky" {
			found = true
		}
	}
	if !found {
		t.Errorf("second mention of Zelensky not a PERSON: %v", got[1])
	}
}

// BenchmarkSegmentAndRecognizeDocument measures the NER share of the
// pipeline end to end on raw text: tokenize.Segment, then
// RecognizeDocument, over the seed article.
func BenchmarkSegmentAndRecognizeDocument(b *testing.B) {
	r := embedded(b)
	text, err := os.ReadFile(filepath.Join(conllutest.RepoRoot(b), "seeds", "000_87f9c890ea636cff.txt"))
	if err != nil {
		b.Skip("seed article missing")
	}
	words := 0
	for _, s := range tokenize.Segment(string(text)) {
		words += len(s.Tokens)
	}
	b.ResetTimer()
	c0 := modelbench.CPUTime()
	for i := 0; i < b.N; i++ {
		var sents [][]string
		for _, s := range tokenize.Segment(string(text)) {
			sents = append(sents, s.Words())
		}
		r.RecognizeDocument(sents)
	}
	modelbench.ReportWords(b, words*b.N, c0)
}

// TestCachedEmissionsMatchFeatures checks that the per-word cached scoring
// in emissions equals summing every feature of tokenFeatures (the
// definition training uses), on text with every casing style.
func TestCachedEmissionsMatchFeatures(t *testing.T) {
	r := embedded(t)
	d := &decodeScratch{}
	for _, text := range []string{
		"US President Donald Trump met Russian President Vladimir Putin in Anchorage , Alaska .",
		"President Trump Participates in a Press Conference with the President of the Russian Federation",
		"he flew to kyiv with mr. zelensky on friday",
		"NATO LEADERS MEET IN BRUSSELS",
		"Trump",
		"the the the Trump the the",
	} {
		words := strings.Fields(text)
		for pass := 0; pass < 2; pass++ { // second pass: warm cache
			r.emissions(words, d)
			var sf sentFeats
			sf.prepare(words, r.lx)
			for i := range words {
				var want [numTags]float32
				for _, h := range sf.tokenFeatures(words, i, r.lx) {
					r.feats.addTo(h, &want)
				}
				if unnameable(words[i]) {
					continue
				}
				for tg := range want {
					if diff := d.emit[i][tg] - want[tg]; diff > 1e-2 || diff < -1e-2 {
						t.Fatalf("%q token %d tag %s: cached %v, features %v", text, i, tagNames[tg], d.emit[i][tg], want[tg])
					}
				}
			}
		}
	}
}
