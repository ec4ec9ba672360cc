// Package extract turns news text into entities and facts. It knows nothing
// of graphs or storage: it fills a document.Document and hands it back.
//
// Extraction is a Pipeline of named Stages (segment → tag → parse → entities
// → relations → resolve). Each stage reads what earlier stages wrote into the
// document and adds its own layer, so a better model can replace one stage
// without touching the others.
package extract

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/kg-project/kg/extract/depparse"
	"github.com/kg-project/kg/extract/document"
	"github.com/kg-project/kg/extract/ner"
	"github.com/kg-project/kg/extract/postag"
)

// Stage is one step of the pipeline.
type Stage interface {
	// Name identifies the stage in errors and timings.
	Name() string
	// Process annotates doc in place.
	Process(ctx context.Context, doc *document.Document) error
}

// Pipeline runs its stages in order. A Pipeline is safe for concurrent use
// when its stages are, which all stages in this module are.
type Pipeline struct {
	Stages []Stage
}

// Process runs every stage over doc, stopping at the first error or when
// ctx is cancelled.
func (p *Pipeline) Process(ctx context.Context, doc *document.Document) error {
	for _, s := range p.Stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.Process(ctx, doc); err != nil {
			return fmt.Errorf("%s: %s: %w", doc.ID, s.Name(), err)
		}
	}
	return nil
}

// LoadModels loads the embedded tagger, parser and recogniser at the same
// time rather than one after the other: each is decoded once per process
// (behind its package's Default), and on a machine with more than one core
// loading them concurrently takes about the time of the slowest alone.
// Call it before the first Default call (NewDefault then finds all three
// loaded); later calls return at once.
func LoadModels() error {
	var wg sync.WaitGroup
	errs := make([]error, 3)
	wg.Go(func() { _, errs[0] = postag.Default() })
	wg.Go(func() { _, errs[1] = depparse.Default() })
	wg.Go(func() { _, errs[2] = ner.Default() })
	wg.Wait()
	return errors.Join(errs...)
}
