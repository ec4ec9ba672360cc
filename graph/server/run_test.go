package server

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph/memstore"
)

func TestServeStopsWhenContextEnds(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, New(memstore.New(testQuads()...), Options{}), time.Second) }()

	resp, err := http.Get("http://" + ln.Addr().String() + "/api/v2/query?lang=gizmo&qu=g.V().all()")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(shutdownGrace + 2*time.Second):
		t.Fatal("Serve did not return after its context ended")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/"); err == nil {
		t.Error("still answering after shutdown")
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:64210": true, "localhost:1": true, "[::1]:80": true,
		"0.0.0.0:64210": false, ":64210": false, "192.0.2.1:80": false, "nonsense": false,
	} {
		if got := IsLoopback(addr); got != want {
			t.Errorf("IsLoopback(%q) = %v", addr, got)
		}
	}
}

// TestServeStopsRunningQueries checks that stopping the server ends a query
// that is still running, so the store can be closed right after Serve
// returns (bbolt waits for, and can deadlock on, open read transactions).
func TestServeStopsRunningQueries(t *testing.T) {
	st := denseStore(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, ln, New(st.QuadStore(), Options{QueryTimeout: time.Minute}), time.Minute)
	}()
	answered := make(chan int, 1)
	go func() {
		resp, err := http.Post("http://"+ln.Addr().String()+"/api/v2/query?lang=gizmo", "text/plain",
			strings.NewReader(`g.V().out().out().out().out().out().out().filter(regex("^zzz")).all()`))
		if err != nil {
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	time.Sleep(300 * time.Millisecond) // the query is running
	start := time.Now()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(shutdownGrace + 5*time.Second):
		t.Fatal("Serve did not return")
	}
	if took := time.Since(start); took >= shutdownGrace {
		t.Errorf("shutdown waited %v: the running query was not stopped", took)
	}
	if code := <-answered; code != http.StatusServiceUnavailable {
		t.Errorf("the stopped query was answered %d, want 503", code)
	}
	closed := make(chan error, 1)
	go func() { closed <- st.Close() }()
	select {
	case err := <-closed:
		if err != nil {
			t.Errorf("closing the store: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("store still busy after Serve returned")
	}
}
