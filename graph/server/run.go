package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// shutdownGrace is how long Serve waits for in-flight requests after ctx ends.
const shutdownGrace = 5 * time.Second

// Serve answers requests on ln with h until ctx ends, then shuts down: it
// stops accepting, cancels running queries (request contexts derive from
// ctx), gives in-flight requests up to shutdownGrace to answer, and returns
// nil. queryTimeout sizes the write timeout, so a
// slow client cannot hold a connection much longer than a query may run.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, queryTimeout time.Duration) error {
	if queryTimeout <= 0 {
		queryTimeout = DefaultQueryTimeout
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      queryTimeout + time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		// Requests inherit ctx, so stopping the server also stops running
		// queries (their iterators end at once) instead of leaving them to
		// run on past the grace period, and past the store's closing.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serving on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		// Requests still running after the grace period are cut off.
		srv.Close()
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serving on %s: %w", ln.Addr(), err)
	}
	return nil
}

// IsLoopback reports whether addr ("host:port") names a loopback host, for
// which the default Host allow-list is enough.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
