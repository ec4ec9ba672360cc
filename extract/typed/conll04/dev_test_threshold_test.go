package conll04

import "errors"

// minDevF1 is the strict micro F1 the dev-score test guards; it is set a
// little below the measured score so that unrelated model retraining does
// not break the build while real regressions do.
const minDevF1 = 0.30

// defaultAnnotator assembles the embedded models; until the tagger and
// parser packages are committed it reports that they are missing.
func defaultAnnotator() (Annotator, error) {
	return nil, errors.New("tagger and parser packages not committed yet")
}
