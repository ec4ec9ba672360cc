// Package modelbench holds what the benchmarks of the model packages
// (postag, depparse, ner, relations) share: the process's CPU time, the
// speed report in words per second and per CPU second, picking the model
// to benchmark, and timing model loads.
//
// Words per CPU second is reported beside words per wall second because
// the machines these benchmarks run on are often shared, and wall time
// then measures the neighbours.
package modelbench

import (
	"bytes"
	"io"
	"os"
	"syscall"
	"testing"
	"time"
)

// CPUTime is the user plus system CPU time the process has used so far
// (zero where the platform cannot say).
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// ReportWords reports words/s over the benchmark's elapsed time and
// words/cpu-s over the CPU time used since c0 (a CPUTime reading).
func ReportWords(b *testing.B, words int, c0 time.Duration) {
	b.Helper()
	b.ReportMetric(float64(words)/b.Elapsed().Seconds(), "words/s")
	if c := CPUTime() - c0; c > 0 {
		b.ReportMetric(float64(words)/c.Seconds(), "words/cpu-s")
	}
}

// Model returns the model to benchmark: the file named by the environment
// variable env, read with load, when it is set (to compare a candidate
// model with the embedded one), else the embedded model from def. The
// benchmark is skipped when there is no embedded model.
func Model[T any](b *testing.B, env string, load func(io.Reader) (T, error), def func() (T, error)) T {
	b.Helper()
	if path := os.Getenv(env); path != "" {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		m, err := load(f)
		if err != nil {
			b.Fatalf("%s=%s: %v", env, path, err)
		}
		return m
	}
	m, err := def()
	if err != nil {
		b.Skip(err)
	}
	return m
}

// TimeLoad times decoding a model file's bytes with load, and reports CPU
// milliseconds per load beside the wall time. The file is the one named by
// the environment variable env when it is set, else embedded (readEmbedded's
// result); the benchmark is skipped when there is none.
func TimeLoad[T any](b *testing.B, env string, readEmbedded func() ([]byte, error), load func(io.Reader) (T, error)) {
	b.Helper()
	data, err := readEmbedded()
	if path := os.Getenv(env); path != "" {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		b.Skip(err)
	}
	c0, n := CPUTime(), 0
	for b.Loop() {
		if _, err := load(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64((CPUTime()-c0).Milliseconds())/float64(n), "cpu-ms/op")
}
