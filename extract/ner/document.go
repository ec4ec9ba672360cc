package ner

import (
	"strings"
)

// RecognizeDocument recognises the entities of every sentence of one
// document (words per sentence, as for Recognize). It adds one document-level
// step to Recognize: an entity the model is unsure of (below the calibrated
// threshold, so Recognize drops it) is kept when the document also names it
// confidently with the same type, or, for a person, when it is the surname
// of a confidently recognised full name ("Zelensky" after "Volodymyr
// Zelensky"). News repeats names, and the first, fuller mention usually
// has the better context.
func (r *Recognizer) RecognizeDocument(sents [][]string) [][]Entity {
	all := make([][]Entity, len(sents))
	known := map[string]bool{}
	key := func(t string, words []string) string { return t + "\x00" + strings.Join(words, " ") }
	for k, words := range sents {
		all[k] = r.recognize(words, 0)
		for _, e := range all[k] {
			if e.Confidence < float64(r.minConf) {
				continue
			}
			known[key(string(e.Type), words[e.Start:e.End])] = true
			if e.Type == typePerson && e.End-e.Start > 1 {
				known[key(string(e.Type), words[e.End-1:e.End])] = true
			}
		}
	}
	for k, words := range sents {
		kept := all[k][:0]
		for _, e := range all[k] {
			if e.Confidence >= float64(r.minConf) || known[key(string(e.Type), words[e.Start:e.End])] {
				kept = append(kept, e)
			}
		}
		all[k] = kept
	}
	return all
}
