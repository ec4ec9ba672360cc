package relations_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/document"
)

// TestDumpParse prints the CoNLL-U-like parse of $KG_PARSE (a text file)
// as the full pipeline sees it; a development aid, silent otherwise.
func TestDumpParse(t *testing.T) {
	path := os.Getenv("KG_PARSE")
	if path == "" {
		t.Skip("set KG_PARSE=FILE to print the pipeline's parses")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := extract.NewDefault()
	if err != nil {
		t.Fatal(err)
	}
	d := &document.Document{ID: "dump", Text: string(b)}
	if err := p.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for si, s := range d.Sentences {
		fmt.Printf("# %d %s\n", si, d.SentenceText(si))
		for i, tk := range s.Tokens {
			fmt.Printf("%d\t%s\t%s\t%s\t%s\t%d\t%s\n", i, tk.Text, tk.Lemma, tk.UPOS, tk.XPOS, tk.Head, tk.DepRel)
		}
		fmt.Println()
	}
}
