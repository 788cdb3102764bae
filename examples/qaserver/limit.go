package main

import (
	"context"
	"errors"
	"sync"
)

// errBusy is a request refused because every slot is taken and the queue
// is full.
var errBusy = errors.New("busy")

// A limiter bounds the work in flight: at most slots requests hold a slot
// at once, together holding at most budget bytes (each its estimate); up
// to queue more wait for one, first come first served. Beyond that,
// acquire refuses at once, so that an overload becomes quick refusals
// rather than a pile of requests each waiting for its timeout.
type limiter struct {
	size  int   // slots in all
	total int64 // the budget in all
	queue int   // most requests waiting
	// onChange, when set, is called with the slots in use and the requests
	// waiting after each change, under mu: the metrics' gauges.
	onChange func(inUse, waiting int)

	mu      sync.Mutex
	slots   int   // free slots
	budget  int64 // free bytes
	waiting []*waiter
}

// A waiter is a request in the queue; ready is closed when it is granted
// its slot.
type waiter struct {
	need  int64
	ready chan struct{}
}

func newLimiter(slots, queue int, budget int64, onChange func(inUse, waiting int)) *limiter {
	return &limiter{size: slots, total: budget, queue: queue, onChange: onChange, slots: slots, budget: budget}
}

// acquire takes a slot and need bytes of the budget, waiting in the queue
// when none is free, until ctx is done. It returns errBusy at once when the
// queue is full, and ctx.Err() when ctx is done first. need is capped at
// the whole budget, so that every request can run alone. On success the
// caller must call release with the same need.
func (l *limiter) acquire(ctx context.Context, need int64) error {
	l.mu.Lock()
	need = l.capped(need)
	if len(l.waiting) == 0 && l.slots > 0 && l.budget >= need {
		l.slots--
		l.budget -= need
		l.changed()
		l.mu.Unlock()
		return nil
	}
	if len(l.waiting) >= l.queue {
		l.mu.Unlock()
		return errBusy
	}
	w := &waiter{need: need, ready: make(chan struct{})}
	l.waiting = append(l.waiting, w)
	l.changed()
	l.mu.Unlock()

	select {
	case <-w.ready:
		return nil
	case <-ctx.Done():
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	select {
	case <-w.ready: // granted meanwhile: give it back
		l.giveBack(need)
	default:
		for i, x := range l.waiting {
			if x == w {
				l.waiting = append(l.waiting[:i], l.waiting[i+1:]...)
				break
			}
		}
		l.grant() // the head may have been waiting behind w
		l.changed()
	}
	return ctx.Err()
}

// release returns a slot and need bytes taken by acquire.
func (l *limiter) release(need int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.giveBack(l.capped(need))
}

func (l *limiter) capped(need int64) int64 { return min(max(need, 0), l.total) }

func (l *limiter) giveBack(need int64) {
	l.slots++
	l.budget += need
	l.grant()
	l.changed()
}

// grant hands free slots to the waiting requests, in order, while the
// first fits.
func (l *limiter) grant() {
	for len(l.waiting) > 0 {
		w := l.waiting[0]
		if l.slots == 0 || l.budget < w.need {
			return
		}
		l.slots--
		l.budget -= w.need
		l.waiting = l.waiting[1:]
		close(w.ready)
	}
}

func (l *limiter) changed() {
	if l.onChange != nil {
		l.onChange(l.size-l.slots, len(l.waiting))
	}
}

// busy reports whether any slot is taken or any request waits.
func (l *limiter) busy() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.slots < l.size || len(l.waiting) > 0
}
