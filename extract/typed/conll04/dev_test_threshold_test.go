package conll04

// minDevF1 is the strict micro F1 the dev-score test guards. Measured with
// the tagger, parser and recogniser of 27 Nov 2026 after the rules of that
// day: F1 0.4641 (P .6300, R .3673, 126 of 343 gold relations, 200
// predicted); before them it was 0.4436. The target is 0.50; the guard sits
// a little below the measured score so that retraining a model does not
// break the build while real regressions do.
const minDevF1 = 0.45
