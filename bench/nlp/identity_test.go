package nlp

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"testing"

	"github.com/kg-project/kg/extract/conllu/conllutest"
	"github.com/kg-project/kg/extract/depparse"
	"github.com/kg-project/kg/extract/ner"
	"github.com/kg-project/kg/extract/postag"
	"github.com/kg-project/kg/extract/tokenize"
)

// TestDumpOutputs writes everything the NLP core produces for the first
// Reuters articles and for EWT dev (gold tokens) to the file named by
// KG_NLP_DUMP: tokens with offsets and normal forms, UPOS, XPOS, lemmas,
// heads, relations, and entities with their exact confidences. It is the
// bit-identity check for speed work: dump before and after a change and
// compare the files (cmp). It is skipped unless KG_NLP_DUMP is set.
//
// KG_NLP_DUMP_DOCS sets the number of articles (default 300).
// KG_TAGGER_MODEL, KG_PARSER_MODEL and KG_NER_MODEL load models from files
// instead of the embedded ones, so that a comparison can pin a model that
// someone else is retraining meanwhile.
//
//	KG_NLP_DUMP=/tmp/before.txt go test -run DumpOutputs -count=1 .
//	... change the code ...
//	KG_NLP_DUMP=/tmp/after.txt go test -run DumpOutputs -count=1 .
//	cmp /tmp/before.txt /tmp/after.txt
func TestDumpOutputs(t *testing.T) {
	path := os.Getenv("KG_NLP_DUMP")
	if path == "" {
		t.Skip("set KG_NLP_DUMP=FILE to dump the NLP core's outputs")
	}
	n := 300
	if v := os.Getenv("KG_NLP_DUMP_DOCS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			t.Fatalf("KG_NLP_DUMP_DOCS=%q: %v", v, err)
		}
	}
	tagger := loadModel(t, "KG_TAGGER_MODEL", postag.Load, postag.Default)
	parser := loadModel(t, "KG_PARSER_MODEL", depparse.Load, depparse.Default)
	rec := loadModel(t, "KG_NER_MODEL", ner.Load, ner.Default)

	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	defer w.Flush()

	texts := corpus(t, n)
	for di, text := range texts {
		fmt.Fprintf(w, "# doc %d\n", di)
		sents := tokenize.Segment(text)
		words := make([][]string, len(sents))
		for si := range sents {
			s := &sents[si]
			ws := s.Words()
			words[si] = ws
			upos, xpos := tagger.Tag(ws)
			lem := tagger.Lemmatize(ws, upos, xpos)
			heads, rels := parser.Parse(ws, upos, xpos)
			fmt.Fprintf(w, "## sent %d [%d,%d)\n", si, s.Span.Start, s.Span.End)
			for j, tok := range s.Tokens {
				fmt.Fprintf(w, "%d\t%d\t%d\t%q\t%q\t%t\t%s\t%s\t%q\t%d\t%s\n",
					j, tok.Start, tok.End, tok.Text, tok.Norm, tok.SpaceAfter, upos[j], xpos[j], lem[j], heads[j], rels[j])
			}
			dumpEntities(w, "sent", rec.Recognize(ws))
		}
		for si, ents := range rec.RecognizeDocument(words) {
			fmt.Fprintf(w, "## doc entities of sent %d\n", si)
			dumpEntities(w, "doc", ents)
		}
	}
	for si, s := range conllutest.EWT(t, "dev") {
		ws := s.Words()
		upos, xpos := tagger.Tag(ws)
		lem := tagger.Lemmatize(ws, upos, xpos)
		// Parse with the predicted tags (as the pipeline does) and with
		// the gold ones (as kg eval ud does).
		heads, rels := parser.Parse(ws, upos, xpos)
		gh, gr := parser.Parse(ws, s.UPOS(), s.XPOS())
		fmt.Fprintf(w, "## ewt %d\n", si)
		for j := range ws {
			fmt.Fprintf(w, "%d\t%q\t%s\t%s\t%q\t%d\t%s\t%d\t%s\n", j, ws[j], upos[j], xpos[j], lem[j], heads[j], rels[j], gh[j], gr[j])
		}
		dumpEntities(w, "sent", rec.Recognize(ws))
	}
}

func dumpEntities(w io.Writer, kind string, ents []ner.Entity) {
	for _, e := range ents {
		fmt.Fprintf(w, "%s entity [%d,%d) %s %s\n", kind, e.Start, e.End, e.Type, strconv.FormatFloat(e.Confidence, 'g', -1, 64))
	}
}

// loadModel loads a model from the file named by env, or the embedded one.
func loadModel[M any](t *testing.T, env string, load func(io.Reader) (M, error), def func() (M, error)) M {
	path := os.Getenv(env)
	if path == "" {
		m, err := def()
		if err != nil {
			t.Skip(err)
		}
		return m
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := load(f)
	if err != nil {
		t.Fatalf("%s=%s: %v", env, path, err)
	}
	return m
}
