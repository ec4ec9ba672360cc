// Package pgtest gives tests a fresh PostgreSQL database on the server named
// by the environment variable KG_TEST_POSTGRES_URL (CI's .ci/run starts one
// and sets it), and skips them when it is unset.
package pgtest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/lib/pq" // the driver Cayley's postgres backend uses
)

// EnvURL names the environment variable holding the server URL, e.g.
// postgres://postgres@127.0.0.1:54329/postgres?sslmode=disable.
const EnvURL = "KG_TEST_POSTGRES_URL"

// Database creates an empty database for tb, drops it when tb ends, and
// returns its URL. A database per test keeps tests of several packages, run
// in parallel against one server, from seeing each other's quads. Without
// KG_TEST_POSTGRES_URL it skips tb.
func Database(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(EnvURL)
	if base == "" {
		tb.Skip(EnvURL + " is not set (a PostgreSQL server URL); skipping the PostgreSQL test")
	}
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("%s: %v", EnvURL, err)
	}
	admin, err := sql.Open("postgres", base)
	if err != nil {
		tb.Fatalf("connect to %s: %v", EnvURL, err)
	}
	defer admin.Close()
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		tb.Fatal(err)
	}
	name := "kg_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		tb.Fatalf("create test database: %v", err)
	}
	tb.Cleanup(func() {
		admin, err := sql.Open("postgres", base)
		if err != nil {
			return
		}
		defer admin.Close()
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			tb.Logf("drop test database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}
