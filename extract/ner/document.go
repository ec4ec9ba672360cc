package ner

import (
	"strings"

	"github.com/kg-project/kg/extract/document"
)

// RecognizeDocument recognises the entities of every sentence of one
// document (words per sentence, as for Recognize). It adds one
// document-level step to Recognize: an entity the model is unsure of (below
// the calibrated threshold, so Recognize drops it) is kept when the same
// document names the same words confidently elsewhere, and then takes the
// type of that confident mention. For people the surname of a confident
// full name counts too ("Zelensky" after "Volodymyr Zelensky"). News repeats
// names, and the first, fuller mention usually has the better context.
// Entities restored this way carry the threshold as their confidence.
func (r *Recognizer) RecognizeDocument(sents [][]string) [][]Entity {
	all := make([][]Entity, len(sents))
	type seen struct {
		typ  document.EntityType
		conf float64
	}
	known := map[string]seen{}
	remember := func(words []string, typ document.EntityType, conf float64) {
		k := strings.Join(words, " ")
		if old, ok := known[k]; !ok || conf > old.conf {
			known[k] = seen{typ, conf}
		}
	}
	for k, words := range sents {
		all[k] = r.recognize(words, 0)
		for _, e := range all[k] {
			if e.Confidence < float64(r.minConf) {
				continue
			}
			remember(words[e.Start:e.End], e.Type, e.Confidence)
			if e.Type == typePerson && e.End-e.Start > 1 {
				remember(words[e.End-1:e.End], e.Type, e.Confidence)
			}
		}
	}
	for k, words := range sents {
		kept := all[k][:0]
		for _, e := range all[k] {
			if e.Confidence < float64(r.minConf) {
				s, ok := known[strings.Join(words[e.Start:e.End], " ")]
				if !ok {
					continue
				}
				e.Type, e.Confidence = s.typ, float64(r.minConf)
			}
			kept = append(kept, e)
		}
		all[k] = kept
	}
	return all
}
