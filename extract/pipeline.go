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
	"fmt"

	"github.com/kg-project/kg/extract/document"
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
