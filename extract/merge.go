package extract

import (
	"context"
	"strconv"
	"strings"

	"github.com/kg-project/kg/extract/document"
)

// mergeFacts folds together facts that state the same thing about the same
// arguments in the same sentence — typically a typed rule and the clause
// extractor both finding "Merkel met Macron". Two facts are the same when
// sentence, predicate, subject and object agree (entities by index, literals
// by text, case-insensitively) and neither is negated or attributed
// differently. The survivor is the fact with more arguments; it gains the
// other's extra roles and the higher confidence. Order is preserved, so the
// result is deterministic.
func mergeFacts(_ context.Context, d *document.Document) error {
	type key struct {
		sentence        int
		pred, subj, obj string
		negated         bool
		modality        string
		attributed      int
	}
	argKey := func(a *document.Argument) string {
		if a == nil {
			return ""
		}
		if a.Entity >= 0 {
			return "#" + strconv.Itoa(a.Entity)
		}
		if a.Value != "" {
			return "=" + a.Value
		}
		return strings.ToLower(strings.Join(strings.Fields(a.Text), " "))
	}
	first := make(map[key]int, len(d.Facts))
	out := d.Facts[:0]
	for _, f := range d.Facts {
		k := key{f.Sentence, f.Predicate, argKey(f.Subject()), argKey(f.Arg("object")), f.Negated, f.Modality, f.AttributedTo}
		i, seen := first[k]
		if !seen {
			first[k] = len(out)
			out = append(out, f)
			continue
		}
		kept := &out[i]
		if len(f.Args) > len(kept.Args) {
			f, *kept = *kept, f
		}
		for _, a := range f.Args {
			if kept.Arg(a.Role) == nil {
				kept.Args = append(kept.Args, a)
			}
		}
		if f.Confidence > kept.Confidence {
			kept.Confidence = f.Confidence
		}
		if f.Start < kept.Start {
			kept.Start = f.Start
		}
		if f.End > kept.End {
			kept.End = f.End
		}
	}
	d.Facts = out
	return nil
}
