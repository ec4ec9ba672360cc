package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/document"
	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/schema"
)

// buildOptions are the flags of kg build.
type buildOptions struct {
	base          string
	workers       int
	minConfidence float64
	quiet         bool
	cpuProfile    string // hidden: write a CPU profile here (pprof format)
	memProfile    string // hidden: write a heap profile here at the end
	blockProfile  string // hidden: write a profile of time spent blocked (channels, locks)
}

func newBuildCmd() *cobra.Command {
	var opts buildOptions
	cmd := &cobra.Command{
		Use:   "build [PATH...|-]",
		Short: "Extract entities and facts from articles and load them into the graph",
		Long: `Build reads articles — .txt, .md, .html (visible text only) and .jsonl (one
{"id","title","date","text"} object a line) files, directories (recursively) or
stdin ("-") — extracts entities and facts, and writes them to the store.

Each document is written atomically under its own label. Re-running on
unchanged input adds nothing (documents are skipped by content hash without
re-extraction); a changed document replaces its old facts. Files that cannot
be read are reported and skipped; the command then exits non-zero, after
committing every good document.`,
		Example: `  kg build                          # the sample articles in seeds/ into ./kg.db
  kg build ~/news --store bolt:news.db
  kg build corpus.jsonl --workers 2
  curl -s https://example.org/a.html | kg build -`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"seeds"}
			}
			return runBuild(cmd.Context(), cmd, args, opts)
		},
	}
	cmd.Flags().StringVar(&opts.base, "base", schema.DefaultBase, "IRI prefix for entities, facts and documents")
	cmd.Flags().IntVar(&opts.workers, "workers", runtime.NumCPU(), "extraction workers")
	cmd.Flags().Float64Var(&opts.minConfidence, "min-confidence", 0, "drop facts below this confidence")
	cmd.Flags().BoolVarP(&opts.quiet, "quiet", "q", false, "no progress bar")
	// Profiling flags are hidden: they are for measuring the build
	// (go tool pprof), not for users.
	cmd.Flags().StringVar(&opts.cpuProfile, "cpuprofile", "", "write a CPU profile to this file")
	cmd.Flags().StringVar(&opts.memProfile, "memprofile", "", "write a heap profile to this file when the build ends")
	cmd.Flags().StringVar(&opts.blockProfile, "blockprofile", "", "write a profile of where goroutines waited to this file when the build ends")
	_ = cmd.Flags().MarkHidden("cpuprofile")
	_ = cmd.Flags().MarkHidden("memprofile")
	_ = cmd.Flags().MarkHidden("blockprofile")
	return cmd
}

// buildStats is the summary printed at the end of a build.
type buildStats struct {
	Documents int // read
	Unchanged int // skipped by content hash
	Written   int // added or replaced
	Skipped   int // inputs without text (empty files, empty JSONL texts): notices, not failures
	Failed    int // files or lines that could not be read or extracted
	Sentences int
	Entities  int
	Facts     int
	Quads     int
}

// extracted is one document on its way from a worker to the writer.
type extracted struct {
	hash  string
	quads []quad.Quad
	skip  bool // unchanged since the last build
}

func runBuild(ctx context.Context, cmd *cobra.Command, paths []string, opts buildOptions) (err error) {
	start := time.Now()
	stopProfiles, err := startProfiles(opts.cpuProfile, opts.memProfile, opts.blockProfile)
	if err != nil {
		return err
	}
	defer func() {
		if perr := stopProfiles(); err == nil {
			err = perr
		}
	}()
	defer tuneGC()()
	spec := storeSpec(cmd)
	// NoSync: a bulk build syncs once at Close instead of after every
	// document (an fsync per document made a 300-article build ~45%
	// slower). A killed or crashed kg process loses nothing it committed
	// and never leaves a document half-written; the next build redoes
	// what is missing (cmd/kg/crash_test.go). An operating-system crash
	// or power loss during the build, however, can corrupt a bbolt file
	// written without fsync: the store must then be rebuilt
	// (docs/reliability.md says so).
	//
	// NoBloom: the bulk writer reopens Cayley's view of a bbolt store
	// without bloom filters anyway, so building them at open (a scan of the
	// whole log, ~100 MB) was wasted, most visibly on an unchanged re-run.
	store, err := graph.Open(ctx, spec, graph.Options{NoSync: true, NoBloom: true})
	if err != nil {
		return err
	}
	defer store.Close()
	// The writer is made before the workers start reading the store: on
	// bbolt it swaps the store's Cayley view (see graph.BulkWriter).
	writer, err := store.NewBulkWriter(0)
	if err != nil {
		return err
	}
	defer writer.Close()
	pipe, err := extract.NewDefault()
	if err != nil {
		return fmt.Errorf("loading models: %w", err)
	}
	mapper := schema.Mapper{Minter: schema.Minter{Base: opts.base}, MinConfidence: opts.minConfidence}
	stderr := cmd.ErrOrStderr()

	var bar *progressbar.ProgressBar
	if f, ok := stderr.(*os.File); ok && !opts.quiet && term.IsTerminal(int(f.Fd())) {
		bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription("building"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("docs"),
			progressbar.OptionClearOnFinish(),
		)
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var stats buildStats
	tally := &inputTally{cmdName: "kg build", stderr: stderr}

	// Workers: hash check, extraction and mapping to quads, in parallel;
	// results arrive as they finish (the graph does not depend on order).
	results, readWait := docRun[extracted]{
		paths: paths, stdin: cmd.InOrStdin(), workers: opts.workers,
		inputError: tally.inputError,
		work: func(ctx context.Context, d *document.Document) (extracted, error) {
			r := extracted{hash: schema.HashContent(d, extract.Version)}
			label := mapper.Minter.Document(d.ID)
			old, ok, err := store.DocumentHash(ctx, label)
			switch {
			case err != nil:
				return r, err
			case ok && old == r.hash:
				r.skip = true
				return r, nil
			}
			if err := pipe.Process(ctx, d); err != nil {
				return r, err
			}
			r.quads = mapper.Quads(d, r.hash)
			return r, nil
		},
	}.start(ctx)

	// Writer: documents go through a BulkWriter, which has ReplaceDocument's
	// guarantee for many documents per transaction: a crash leaves each
	// document either absent, old or new, recognisably complete (a document
	// whose replacement was cut short has two content hashes and is redone
	// by the next build; see graph.Store.ReplaceDocument). Documents queued
	// but not committed when the process dies are simply redone.
	var writeErr error
	draining := false // after a write error or an interruption
	for res := range results {
		if draining {
			continue // so that the workers can exit
		}
		r, d := res.val, res.doc
		stats.Documents++
		if bar != nil {
			_ = bar.Add(1)
		}
		switch {
		case res.err != nil && ctx.Err() != nil && errors.Is(res.err, ctx.Err()):
			continue // interrupted, not failed: the next build does it
		case res.err != nil:
			tally.fail(fmt.Errorf("%s: %w", d.ID, res.err))
			continue
		case r.skip:
			stats.Unchanged++
			continue
		}
		label := mapper.Minter.Document(d.ID)
		if _, err := writer.Replace(ctx, label, r.hash, r.quads); err != nil {
			if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
				// Interrupted before this document was written; it is
				// reported below like any interruption.
				draining = true
				continue
			}
			writeErr = fmt.Errorf("writing %s: %w", d.ID, err)
			cancel()
			draining = true
			continue
		}
		stats.Written++
		stats.Sentences += len(d.Sentences)
		stats.Entities += len(d.Entities)
		stats.Facts += len(d.Facts)
		stats.Quads += len(r.quads)
	}
	readErr := readWait()
	tally.report(&stats)
	// Commit what is queued, even after an interruption: whole documents.
	if err := writer.Close(); err != nil && writeErr == nil {
		writeErr = fmt.Errorf("writing: %w", err)
	}
	if bar != nil {
		_ = bar.Finish()
	}
	if writeErr != nil {
		return writeErr
	}
	if readErr != nil && !errors.Is(readErr, context.Canceled) {
		return readErr
	}
	if err := ctx.Err(); err != nil {
		// Interrupted (Ctrl+C, SIGTERM): what was committed stays, and
		// unchanged documents are skipped next time, so the same command
		// picks up where this one stopped.
		printBuildSummary(cmd.OutOrStdout(), stats, time.Since(start))
		return fmt.Errorf("interrupted after writing %d documents; run the same command again to finish: %w", stats.Written, err)
	}
	printBuildSummary(cmd.OutOrStdout(), stats, time.Since(start))
	tally.printFailures()
	if stats.Failed > 0 {
		return fmt.Errorf("%d input(s) failed; every other document was written", stats.Failed)
	}
	return nil
}

func printBuildSummary(w io.Writer, s buildStats, elapsed time.Duration) {
	fmt.Fprintf(w, "documents  %d read, %d written, %d unchanged, %d skipped, %d failed\n", s.Documents, s.Written, s.Unchanged, s.Skipped, s.Failed)
	fmt.Fprintf(w, "sentences  %d\n", s.Sentences)
	fmt.Fprintf(w, "entities   %d\n", s.Entities)
	fmt.Fprintf(w, "facts      %d\n", s.Facts)
	fmt.Fprintf(w, "quads      %d\n", s.Quads)
	fmt.Fprintf(w, "seconds    %.2f\n", elapsed.Seconds())
}

// startProfiles starts a CPU profile to cpuPath and arranges a heap profile
// to memPath and a blocking profile to blockPath (any may be empty); the
// function it returns stops and writes them. The blocking profile shows
// where the build serialises: time extraction workers spent waiting for
// the reader or the writer, and the writer for a commit.
func startProfiles(cpuPath, memPath, blockPath string) (func() error, error) {
	if blockPath != "" {
		runtime.SetBlockProfileRate(int(time.Millisecond)) // sample waits of ~1 ms and more
	}
	var cpu *os.File
	if cpuPath != "" {
		f, err := os.Create(cpuPath)
		if err != nil {
			return nil, fmt.Errorf("cpu profile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, fmt.Errorf("cpu profile: %w", err)
		}
		cpu = f
	}
	return func() error {
		var err error
		if cpu != nil {
			pprof.StopCPUProfile()
			if cerr := cpu.Close(); cerr != nil {
				err = fmt.Errorf("cpu profile: %w", cerr)
			}
		}
		if blockPath != "" {
			runtime.SetBlockProfileRate(0)
			if werr := writeProfile("block", blockPath); werr != nil && err == nil {
				err = werr
			}
		}
		if memPath != "" {
			f, ferr := os.Create(memPath)
			if ferr != nil {
				return fmt.Errorf("heap profile: %w", ferr)
			}
			if werr := pprof.Lookup("allocs").WriteTo(f, 0); werr != nil && err == nil {
				err = fmt.Errorf("heap profile: %w", werr)
			}
			if cerr := f.Close(); cerr != nil && err == nil {
				err = fmt.Errorf("heap profile: %w", cerr)
			}
		}
		return err
	}, nil
}

// The garbage collector's settings for a build. A build's live heap is
// small between commits (the models and the documents in flight, ~300 MB
// on Reuters) and peaks while a batch commits (bbolt holds every page it
// dirties: ~730 MB with batches of 200k). Go's default (GOGC=100, a
// collection whenever the heap doubles its live size) collected often
// between commits (6-7% of a build's CPU) and still let the heap reach
// 1.3 GB at the peaks. A higher GOGC collects about half as often between
// commits, and the memory limit caps the heap at the peaks, where it makes
// the collector run earlier instead: both the CPU and the peak fall.
const (
	buildGCPercent   = 200
	buildMemoryLimit = 1 << 30 // bytes of Go-managed memory (soft)
)

// tuneGC applies buildGCPercent and buildMemoryLimit unless the user set
// GOGC or GOMEMLIMIT, and returns a function that restores the previous
// settings (kg build also runs inside tests and other commands' processes).
func tuneGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	pct := debug.SetGCPercent(buildGCPercent)
	limit := debug.SetMemoryLimit(buildMemoryLimit)
	return func() {
		debug.SetGCPercent(pct)
		debug.SetMemoryLimit(limit)
	}
}

// writeProfile writes the named runtime profile to path.
func writeProfile(name, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("%s profile: %w", name, err)
	}
	if err := pprof.Lookup(name).WriteTo(f, 0); err != nil {
		f.Close()
		return fmt.Errorf("%s profile: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s profile: %w", name, err)
	}
	return nil
}
