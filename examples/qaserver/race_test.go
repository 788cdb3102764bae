//go:build race

package main

// raceEnabled: under the race detector analysis runs about ten times
// slower, so the load tests send smaller calls.
const raceEnabled = true
