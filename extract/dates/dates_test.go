package dates

import (
	"testing"
	"time"
)

func TestNormalize(t *testing.T) {
	// Friday, 15 August 2025.
	ref := time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)
	// Thursday, 2 January 2025, for year-boundary cases.
	jan := time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)
	var none time.Time
	cases := []struct {
		text   string
		ref    time.Time
		value  string
		dtype  string
		wantOK bool
	}{
		// Absolute dates.
		{"August 15, 2025", none, "2025-08-15", XSDDate, true},
		{"Aug. 15, 2025", none, "2025-08-15", XSDDate, true},
		{"15 August 2025", none, "2025-08-15", XSDDate, true},
		{"on August 15th, 2025", none, "2025-08-15", XSDDate, true},
		{"Friday, August 15, 2025", none, "2025-08-15", XSDDate, true},
		{"the 4th of July, 1776", none, "1776-07-04", XSDDate, true},
		{"2025-08-15", none, "2025-08-15", XSDDate, true},
		{"February 30, 2024", none, "", "", false},
		// Year-less dates take the year nearest the article date.
		{"Aug. 15", ref, "2025-08-15", XSDDate, true},
		{"Dec. 30", jan, "2024-12-30", XSDDate, true},
		{"Aug. 15", none, "--08-15", XSDGMonthDay, true},
		// Years and months.
		{"2025", none, "2025", XSDGYear, true},
		{"in 1987", none, "1987", XSDGYear, true},
		{"August 2025", none, "2025-08", XSDGYearMonth, true},
		{"in August", ref, "2025-08", XSDGYearMonth, true},
		{"last March", ref, "2025-03", XSDGYearMonth, true},
		{"last September", ref, "2024-09", XSDGYearMonth, true},
		{"in August", none, "", "", false},
		// Relative days resolved against the article date.
		{"Friday", ref, "2025-08-15", XSDDate, true},
		{"on Monday", ref, "2025-08-11", XSDDate, true},
		{"Saturday", ref, "2025-08-09", XSDDate, true},
		{"next Monday", ref, "2025-08-18", XSDDate, true},
		{"last Friday", ref, "2025-08-08", XSDDate, true},
		{"yesterday", ref, "2025-08-14", XSDDate, true},
		{"today", ref, "2025-08-15", XSDDate, true},
		{"tomorrow", jan, "2025-01-03", XSDDate, true},
		{"Friday", none, "", "", false},
		{"yesterday", none, "", "", false},
		// Relative periods.
		{"last week", ref, "2025-W32", ISOWeek, true},
		{"this week", ref, "2025-W33", ISOWeek, true},
		{"last month", jan, "2024-12", XSDGYearMonth, true},
		{"last year", ref, "2024", XSDGYear, true},
		{"next year", ref, "2026", XSDGYear, true},
		{"last week", none, "", "", false},
		// Times.
		{"3 p.m.", none, "15:00:00", XSDTime, true},
		{"15:30", none, "15:30:00", XSDTime, true},
		{"Friday at 3 p.m.", ref, "2025-08-15T15:00:00", XSDDateTime, true},
		{"August 15, 2025 at 10:30 am", none, "2025-08-15T10:30:00", XSDDateTime, true},
		{"yesterday at noon", ref, "2025-08-14T12:00:00", XSDDateTime, true},
		{"12 a.m.", none, "00:00:00", XSDTime, true},
		{"Tuesday morning", ref, "2025-08-12", XSDDate, true},
		// Durations.
		{"three-hour", none, "PT3H", XSDDuration, true},
		{"12-minute", none, "PT12M", XSDDuration, true},
		{"four years", none, "P4Y", XSDDuration, true},
		{"for four years", none, "P4Y", XSDDuration, true},
		{"the past four years", none, "P4Y", XSDDuration, true},
		{"two weeks", none, "P14D", XSDDuration, true},
		{"a decade", none, "P10Y", XSDDuration, true},
		{"half an hour", none, "PT30M", XSDDuration, true},
		{"two and a half hours", none, "PT2H30M", XSDDuration, true},
		{"1.5 hours", none, "PT1H30M", XSDDuration, true},
		{"90-minute", none, "PT90M", XSDDuration, true},
		{"twenty-four hours", none, "PT24H", XSDDuration, true},
		{"three-day visit", none, "P3D", XSDDuration, true},
		{"a 12-minute", none, "", "", false},
		{"three days ago", ref, "", "", false},
		// Not dates.
		{"", ref, "", "", false},
		{"the summit", ref, "", "", false},
		{"may", ref, "", "", false},
		{"May 5", ref, "2025-05-05", XSDDate, true},
		{"several years", none, "", "", false},
		{"the 1990s", none, "", "", false},
	}
	for _, c := range cases {
		v, dt, ok := Normalize(c.text, c.ref)
		if ok != c.wantOK || v != c.value || dt != c.dtype {
			t.Errorf("Normalize(%q, %v) = %q, %q, %v; want %q, %q, %v",
				c.text, c.ref.Format("2006-01-02"), v, dt, ok, c.value, c.dtype, c.wantOK)
		}
	}
}

func BenchmarkNormalize(b *testing.B) {
	ref := time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)
	inputs := []string{"August 15, 2025", "last Friday", "three-hour", "yesterday at noon", "the summit"}
	for i := 0; i < b.N; i++ {
		Normalize(inputs[i%len(inputs)], ref)
	}
}
