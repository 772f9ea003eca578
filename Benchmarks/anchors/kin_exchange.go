// kin_exchange: Go kin-openapi's request and response validation throughput on the seed's
// POST /videos, the anchor for spec-check's exchange benchmark (Benchmarks/compare.sh).
//
//	go build -o kin_exchange kin_exchange.go   (GO111MODULE=off GOPATH=/usr/share/gocode, Debian's
//	                                            golang-github-getkin-kin-openapi-dev)
//	kin_exchange SPEC.yaml REQUESTS.jsonl [MIN_SECONDS]
//
// Each JSONL line is a request body sent as POST https://openrouter.ai/api/v1/videos with a bearer
// token and Content-Type: application/json, routed with the gorillamux router, validated with
// openapi3filter.ValidateRequest (all errors, the bearer credential checked for presence and form);
// the answer is one 202 application/json body, validated with ValidateResponse (status included).
// One goroutine; lines starting with RESULT are for the script.
package main

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

const url = "https://openrouter.ai/api/v1/videos"
const token = "Bearer sk-or-v1-0123456789abcdef0123456789abcdef"

var responseBody = []byte(`{"id":"job-abc123","generation_id":"gen-xyz789","polling_url":"/api/v1/videos/job-abc123","status":"pending"}`)

// bearer accepts a well-formed Authorization: Bearer credential, as spec-check checks it.
func bearer(_ context.Context, input *openapi3filter.AuthenticationInput) error {
	value := input.RequestValidationInput.Request.Header.Get("Authorization")
	if !strings.HasPrefix(value, "Bearer ") || len(value) == len("Bearer ") {
		return fmt.Errorf("missing bearer credential")
	}
	return nil
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "kin_exchange: "+format+"\n", args...)
	os.Exit(2)
}

func main() {
	if len(os.Args) < 3 {
		fail("usage: kin_exchange SPEC.yaml REQUESTS.jsonl [MIN_SECONDS]")
	}
	minSeconds := 1.0
	if len(os.Args) > 3 {
		if v, err := strconv.ParseFloat(os.Args[3], 64); err == nil {
			minSeconds = v
		}
	}
	ctx := context.Background()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(os.Args[1])
	if err != nil {
		fail("load: %v", err)
	}
	// The seed's examples are not all valid against their schemas; they do not matter here.
	if err := doc.Validate(ctx, openapi3.DisableExamplesValidation()); err != nil {
		fail("document: %v", err)
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		fail("router: %v", err)
	}
	raw, err := os.ReadFile(os.Args[2])
	if err != nil {
		fail("%v", err)
	}
	var bodies [][]byte
	for _, line := range bytes.Split(raw, []byte("\n")) {
		if len(line) > 0 {
			bodies = append(bodies, line)
		}
	}
	options := &openapi3filter.Options{MultiError: true, IncludeResponseStatus: true, AuthenticationFunc: bearer}

	request := func(body []byte) (*openapi3filter.RequestValidationInput, error) {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		req.Header.Set("Authorization", token)
		req.Header.Set("Content-Type", "application/json")
		route, params, err := router.FindRoute(req)
		if err != nil {
			return nil, err
		}
		input := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: options}
		return input, openapi3filter.ValidateRequest(ctx, input)
	}
	response := func(input *openapi3filter.RequestValidationInput) error {
		out := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: input,
			Status:                 202,
			Header:                 http.Header{"Content-Type": []string{"application/json"}},
			Options:                options,
		}
		out.SetBodyBytes(responseBody)
		return openapi3filter.ValidateResponse(ctx, out)
	}

	invalid := 0
	var lastInput *openapi3filter.RequestValidationInput
	for _, body := range bodies {
		input, err := request(body)
		if err != nil {
			invalid++
		}
		if input != nil {
			lastInput = input
		}
	}
	if lastInput == nil {
		fail("no request was routed")
	}
	if err := response(lastInput); err != nil {
		fail("the 202 response is invalid: %v", err)
	}
	fmt.Printf("kin-openapi: %d requests (%d invalid)\n", len(bodies), invalid)

	// The response check reuses a routed request input, as a server middleware does.
	routed, _ := request(bodies[0])
	// The fastest of the batches of k passes run in minSeconds (k such that a batch takes at
	// least 5 ms), as the throughput tool and anchors.py time theirs: a burst of load from
	// other processes then moves neither side of a ratio.
	timed := func(pass func()) float64 {
		start := time.Now()
		batch := 1
		best := math.Inf(1)
		for {
			batchStart := time.Now()
			for i := 0; i < batch; i++ {
				pass()
			}
			elapsed := time.Since(batchStart).Seconds()
			if elapsed < 0.005 {
				batch *= 2
				best = math.Inf(1)
			} else {
				best = math.Min(best, elapsed/float64(batch))
			}
			if time.Since(start).Seconds() >= minSeconds && !math.IsInf(best, 1) {
				return float64(len(bodies)) / best
			}
		}
	}
	requests := timed(func() {
		for _, body := range bodies {
			_, _ = request(body)
		}
	})
	responses := timed(func() {
		for range bodies {
			_ = response(routed)
		}
	})
	exchanges := timed(func() {
		for _, body := range bodies {
			input, _ := request(body)
			if input != nil {
				_ = response(input)
			}
		}
	})
	fmt.Printf("kin-openapi ValidateRequest:  %.0f requests/s\nkin-openapi ValidateResponse: %.0f responses/s\nkin-openapi exchange:         %.0f exchanges/s\n", requests, responses, exchanges)
	fmt.Printf("RESULT kin_request_per_s %.6g\nRESULT kin_response_per_s %.6g\nRESULT kin_exchange_per_s %.6g\nRESULT kin_invalid_requests %d\n", requests, responses, exchanges, invalid)
}
