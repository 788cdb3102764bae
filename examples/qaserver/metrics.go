package main

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are what GET /metrics serves, in the Prometheus text format,
// from a registry of the server's own (no global state): requests by
// endpoint and status, the analyses in flight and the requests waiting,
// by lane, request latency, requests that ended early (the client hung
// up, the deadline passed), and the Go runtime's and the process's own
// metrics (memory, CPU seconds, goroutines).
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec   // endpoint, code
	latency  *prometheus.HistogramVec // endpoint
	inFlight *prometheus.GaugeVec     // lane
	queued   *prometheus.GaugeVec     // lane
	stopped  *prometheus.CounterVec   // reason, stage
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "qaserver_requests_total",
			Help: "Requests answered, by endpoint and HTTP status (499: the client hung up first).",
		}, []string{"endpoint", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "qaserver_request_duration_seconds",
			Help:    "Time from the request's headers to its response, by endpoint.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"endpoint"}),
		inFlight: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "qaserver_in_flight",
			Help: "Scoring requests holding a slot (reading or analysing), by lane: small bodies, or large.",
		}, []string{"lane"}),
		queued: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "qaserver_queued",
			Help: "Scoring requests waiting for a slot, by lane.",
		}, []string{"lane"}),
		stopped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "qaserver_stopped_total",
			Help: "Scoring requests whose work stopped early, by reason (disconnect, timeout) and stage (queue, read, analysis).",
		}, []string{"reason", "stage"}),
	}
	m.registry.MustRegister(m.requests, m.latency, m.inFlight, m.queued, m.stopped,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// handler serves the registry.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// lane returns the callback a limiter calls on each change.
func (m *metrics) lane(name string) func(inUse, waiting int) {
	inFlight, queued := m.inFlight.WithLabelValues(name), m.queued.WithLabelValues(name)
	return func(inUse, waiting int) {
		inFlight.Set(float64(inUse))
		queued.Set(float64(waiting))
	}
}

// observe records one answered request.
func (m *metrics) observe(endpoint string, status int, d time.Duration) {
	m.requests.WithLabelValues(endpoint, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(endpoint).Observe(d.Seconds())
}
