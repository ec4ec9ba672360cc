// Package pgcpu measures the CPU time a PostgreSQL workload costs: the
// client's (this process) and, when the server runs on this machine, the
// server's (every PostgreSQL process, including exited backends). On a
// machine shared with other work, wall-clock throughput swings with the
// load; CPU time is the steadier measure of how much work a writer makes.
// The benchmarks of package pgbulk and bench/pgload use it.
package pgcpu

import (
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Meter reads the CPU time used so far; differences of two readings give
// the cost of what ran between them.
type Meter struct {
	postmaster int // 0 when the server's processes cannot be read
}

// clockTick is USER_HZ, which Linux fixes at 100 for /proc.
const clockTick = 10 * time.Millisecond

// New returns a Meter for the server db is connected to. Its Server
// readings are unavailable (ok false) when that server's processes are not
// visible in this machine's /proc.
func New(db *sql.DB) Meter {
	var backend int
	if err := db.QueryRow(`SELECT pg_backend_pid()`).Scan(&backend); err != nil {
		return Meter{}
	}
	f, ok := procStat(backend)
	if !ok {
		return Meter{}
	}
	ppid, _ := strconv.Atoi(f[1])
	return Meter{postmaster: ppid}
}

// procStat returns the fields of /proc/pid/stat after the command name
// (field 3, the state, first).
func procStat(pid int) ([]string, bool) {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return nil, false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return nil, false
	}
	return strings.Fields(s[i+1:]), true
}

func ticks(f []string, idx ...int) time.Duration {
	var n int64
	for _, i := range idx {
		v, _ := strconv.ParseInt(f[i], 10, 64)
		n += v
	}
	return time.Duration(n) * clockTick
}

// Server returns the CPU time used so far by the server's processes; ok is
// false when they cannot be read (a remote server).
func (m Meter) Server() (d time.Duration, ok bool) {
	if m.postmaster == 0 {
		return 0, false
	}
	pm, ok := procStat(m.postmaster)
	if !ok {
		return 0, false
	}
	// utime, stime, and cutime, cstime (reaped children): fields 14-17,
	// here 11-14.
	d = ticks(pm, 11, 12, 13, 14)
	ents, _ := os.ReadDir("/proc")
	want := strconv.Itoa(m.postmaster)
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if f, ok := procStat(pid); ok && f[1] == want {
			d += ticks(f, 11, 12)
		}
	}
	return d, true
}

// Client returns this process's CPU time so far.
func (Meter) Client() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
