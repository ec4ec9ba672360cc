package conllu

import (
	"strings"
	"testing"
)

const sample = `# sent_id = s1
# text = Don't go.
1-2	Don't	_	_	_	_	_	_	_	_
1	Do	do	AUX	VBP	_	3	aux	_	_
2	n't	not	PART	RB	_	3	advmod	_	_
3	go	go	VERB	VB	_	0	root	_	SpaceAfter=No
3.1	gone	go	VERB	VBN	_	_	_	3:conj	_
4	.	.	PUNCT	.	_	3	punct	_	_

# sent_id = s2
1	Hi	hi	INTJ	UH	_	0	root	_	_
`

func TestReadSkipsRangesAndEmptyNodes(t *testing.T) {
	sents, err := Read(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 2 {
		t.Fatalf("got %d sentences, want 2", len(sents))
	}
	s := sents[0]
	if s.ID != "s1" || s.Text != "Don't go." {
		t.Errorf("comments: id %q text %q", s.ID, s.Text)
	}
	if got := strings.Join(s.Words(), " "); got != "Do n't go ." {
		t.Errorf("words = %q", got)
	}
	if h := s.Heads(); h[0] != 2 || h[2] != -1 {
		t.Errorf("heads = %v", h)
	}
	if sents[1].Tokens[0].DepRel != "root" {
		t.Errorf("second sentence not read: %+v", sents[1])
	}
}

func TestReadRejectsMalformed(t *testing.T) {
	for _, bad := range []string{
		"1\tx\n",
		"1\ta\ta\tX\tX\t_\t5\tdep\t_\t_\n",
		"2\ta\ta\tX\tX\t_\t0\troot\t_\t_\n",
	} {
		if _, err := Read(strings.NewReader(bad)); err == nil {
			t.Errorf("no error for %q", bad)
		}
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	sents, err := Read(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	var buf strings.Builder
	if err := Write(&buf, sents); err != nil {
		t.Fatal(err)
	}
	back, err := Read(strings.NewReader(buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != len(sents) {
		t.Fatalf("got %d sentences back, want %d", len(back), len(sents))
	}
	for i := range sents {
		if sents[i].ID != back[i].ID || sents[i].Text != back[i].Text || len(sents[i].Tokens) != len(back[i].Tokens) {
			t.Fatalf("sentence %d changed: %+v -> %+v", i, sents[i], back[i])
		}
		for j := range sents[i].Tokens {
			if sents[i].Tokens[j] != back[i].Tokens[j] {
				t.Errorf("token %d/%d: %+v -> %+v", i, j, sents[i].Tokens[j], back[i].Tokens[j])
			}
		}
	}
}
