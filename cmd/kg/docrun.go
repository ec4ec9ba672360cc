package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/kg-project/kg/extract/document"
	"github.com/kg-project/kg/extract/input"
)

// docResult is one document after a worker's processing.
type docResult[R any] struct {
	doc *document.Document
	val R
	err error
}

// docRun reads documents and processes them in parallel, the shape shared
// by kg build and kg extract: one reader walks the inputs in a
// deterministic order (input.Walk), workers process documents
// concurrently, and the caller consumes the results on its own goroutine,
// where writing needs no locks.
type docRun[R any] struct {
	paths   []string
	stdin   io.Reader
	workers int
	// ordered delivers results in input order (kg extract's output is a
	// stream whose order users see); otherwise as they finish, so that a
	// slow document never holds up the writer (kg build, whose result
	// does not depend on the order).
	ordered bool
	work    func(ctx context.Context, d *document.Document) (R, error)
	// inputError receives what the reader could not read: files, lines,
	// empty inputs. It may be called from the reader's goroutine while
	// the caller consumes results.
	inputError func(error)
}

// start starts the reader and the workers. The caller must drain results
// until it is closed, also after cancelling ctx (the workers then stop
// early), and may call wait afterwards for the reader's error.
func (r docRun[R]) start(ctx context.Context) (results <-chan docResult[R], wait func() error) {
	workers := max(r.workers, 1)
	var readErr error
	readDone := make(chan struct{})
	wait = func() error { <-readDone; return readErr }
	if r.ordered {
		return r.startOrdered(ctx, workers, &readErr, readDone), wait
	}
	jobs := make(chan *document.Document, workers*4)
	out := make(chan docResult[R], workers*4)
	go func() {
		defer close(readDone)
		defer close(jobs)
		readErr = input.Walk(ctx, r.paths, r.stdin, func(d *document.Document) error {
			select {
			case jobs <- d:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}, r.inputError)
	}()
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Go(func() {
			for d := range jobs {
				v, err := r.work(ctx, d)
				select {
				case out <- docResult[R]{doc: d, val: v, err: err}:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() { wg.Wait(); close(out) }()
	return out, wait
}

// startOrdered keeps input order: the reader queues a one-slot channel per
// document before handing the document to a worker, and a forwarder emits
// the slots in queue order as they fill.
func (r docRun[R]) startOrdered(ctx context.Context, workers int, readErr *error, readDone chan struct{}) <-chan docResult[R] {
	type job struct {
		doc *document.Document
		res chan docResult[R]
	}
	jobs := make(chan job, workers*2)
	order := make(chan chan docResult[R], workers*4)
	go func() {
		defer close(readDone)
		defer close(order)
		defer close(jobs)
		*readErr = input.Walk(ctx, r.paths, r.stdin, func(d *document.Document) error {
			res := make(chan docResult[R], 1)
			select {
			case order <- res:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case jobs <- job{doc: d, res: res}:
				return nil
			case <-ctx.Done():
				res <- docResult[R]{doc: d, err: ctx.Err()}
				return ctx.Err()
			}
		}, r.inputError)
	}()
	for i := 0; i < workers; i++ {
		go func() {
			for j := range jobs {
				v, err := r.work(ctx, j.doc)
				j.res <- docResult[R]{doc: j.doc, val: v, err: err} // buffered: never blocks
			}
		}()
	}
	out := make(chan docResult[R])
	go func() {
		defer close(out)
		for res := range order {
			out <- <-res
		}
	}()
	return out
}

// inputTally counts the inputs kg build and kg extract could not use, for
// their summaries. Its methods may be called from the reader's goroutine
// and the consumer's at once.
type inputTally struct {
	cmdName string // "kg build", printed before notices
	stderr  io.Writer

	mu       sync.Mutex
	skipped  int
	failures []error
}

// inputError records a problem reported by the reader: an input without
// text is a notice (printed now), anything else a failure (listed at the
// end).
func (t *inputTally) inputError(err error) {
	var skipped *input.Skipped
	if errors.As(err, &skipped) {
		t.mu.Lock()
		t.skipped++
		t.mu.Unlock()
		fmt.Fprintln(t.stderr, t.cmdName+":", err)
		return
	}
	t.fail(err)
}

// fail records a failed input or document.
func (t *inputTally) fail(err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.failures = append(t.failures, err)
}

// usable reports whether a worker's result can be written: a document
// that an interruption cancelled is dropped without a word, one that
// failed is recorded as a failure.
func (t *inputTally) usable(ctx context.Context, id string, err error) bool {
	switch {
	case err == nil:
		return true
	case ctx.Err() != nil && errors.Is(err, ctx.Err()):
		return false
	}
	t.fail(fmt.Errorf("%s: %w", id, err))
	return false
}

// report copies the counts into stats; call it once the reader is done.
func (t *inputTally) report(stats *buildStats) {
	t.mu.Lock()
	defer t.mu.Unlock()
	stats.Skipped, stats.Failed = t.skipped, len(t.failures)
}

// printFailures lists the failures on stderr.
func (t *inputTally) printFailures() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, f := range t.failures {
		fmt.Fprintln(t.stderr, t.cmdName+": failed:", f)
	}
}
