package conll04

// minDevF1 is the strict micro F1 the dev-score test guards. Measured with
// the interim tagger and parser (d5d7bde) and the recognisers of the day:
// between 0.434 and 0.449 depending on the recogniser version (P ≈ .64,
// R ≈ .33). It is set a little below so that retraining a model does not
// break the build while real regressions do.
const minDevF1 = 0.40
