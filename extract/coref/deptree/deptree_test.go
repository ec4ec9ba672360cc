package deptree

import (
	"reflect"
	"testing"

	"github.com/kg-project/kg/extract/document"
)

func TestChildrenAndHead(t *testing.T) {
	// "the Russian leader spoke": heads the→leader, Russian→leader,
	// leader→spoke, spoke root; a self-loop and an out-of-range head are
	// ignored rather than followed.
	toks := []document.Token{
		{Text: "the", Head: 2}, {Text: "Russian", Head: 2}, {Text: "leader", Head: 3},
		{Text: "spoke", Head: -1}, {Text: "x", Head: 4}, {Text: "y", Head: 99},
	}
	doc := &document.Document{Sentences: []document.Sentence{{Tokens: toks}}}
	kids := Children(doc)
	if want := [][]int{nil, nil, {0, 1}, {2}, nil, nil}; !reflect.DeepEqual(kids[0], want) {
		t.Errorf("Children = %v, want %v", kids[0], want)
	}
	if h := HeadOf(toks, 0, 3); h != 2 {
		t.Errorf("HeadOf(the Russian leader) = %d, want 2", h)
	}
	if got := BaseRel("nsubj:pass"); got != "nsubj" {
		t.Errorf("BaseRel = %q", got)
	}
	if got := Word(&document.Token{Text: "’s", Norm: "'s"}); got != "'s" {
		t.Errorf("Word prefers Norm, got %q", got)
	}
	if got := Lemma(&document.Token{Text: "Talks"}); got != "talks" {
		t.Errorf("Lemma falls back to the lower-case word, got %q", got)
	}
}
