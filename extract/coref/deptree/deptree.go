// Package deptree holds the small helpers the resolver and the typed
// relation rules share for reading annotated tokens and dependency trees,
// so that both read words, lemmas and relations the same way.
package deptree

import (
	"strings"

	"github.com/kg-project/kg/extract/document"
)

// Word is the model-facing form of a token (Norm, falling back to Text).
func Word(t *document.Token) string {
	if t.Norm != "" {
		return t.Norm
	}
	return t.Text
}

// Lower is Word in lower case.
func Lower(t *document.Token) string { return strings.ToLower(Word(t)) }

// Lemma is the lower-case lemma, or the lower-case word when the
// lemmatiser left it empty.
func Lemma(t *document.Token) string {
	if t.Lemma != "" {
		return strings.ToLower(t.Lemma)
	}
	return Lower(t)
}

// BaseRel strips a relation's subtype: "nsubj:pass" → "nsubj".
func BaseRel(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		return rel[:i]
	}
	return rel
}

// Children returns, for every sentence, the dependents of every token in
// token order. Heads outside the sentence and self-loops are ignored, so a
// malformed parse never makes a caller loop.
func Children(doc *document.Document) [][][]int {
	out := make([][][]int, len(doc.Sentences))
	for si, s := range doc.Sentences {
		k := make([][]int, len(s.Tokens))
		for i, t := range s.Tokens {
			if t.Head >= 0 && t.Head < len(s.Tokens) && t.Head != i {
				k[t.Head] = append(k[t.Head], i)
			}
		}
		out[si] = k
	}
	return out
}

// HeadOf returns the syntactic head of tokens [start, end) of a sentence:
// the last token whose head lies outside the range.
func HeadOf(toks []document.Token, start, end int) int {
	h := end - 1
	for i := start; i < end; i++ {
		hd := toks[i].Head
		if hd < start || hd >= end {
			h = i
		}
	}
	return h
}
