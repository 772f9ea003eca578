"""Python anchors for Benchmarks/compare.sh. Every figure is wall-clock time in one process, one thread.

  anchors.py yaml-load FILE [--repeat N]          PyYAML CSafeLoader (libyaml) -> Python objects
  anchors.py rs SCHEMA.json FILE.jsonl            jsonschema-rs is_valid / iter_errors throughput, and
                                                  orjson.loads + is_valid on each line's bytes
  anchors.py rs-case SCHEMA.json INSTANCE.json    one jsonschema-rs benchmark case: is_valid, iter_errors,
                                                  orjson.loads + is_valid on the instance's bytes
  anchors.py pyjs SCHEMA.json FILE.jsonl          python-jsonschema all-errors throughput
  anchors.py whole SPEC.yaml NAME DIR|FILE.jsonl  load spec, convert + compile (jsonschema-rs), validate
                                                  every *.json in DIR (sorted) or every line of FILE.jsonl,
                                                  writing one JSON line per instance
  anchors.py exchange SPEC.yaml FILE.jsonl         openapi-core validate_request / validate_response on
                                                  POST /videos (bearer token, JSON body; one 202 answer)

Instances are parsed with json.loads before any timing starts (except whole, which is timed as
a whole process by the caller). Lines starting with RESULT are for the script.
"""
import json
import os
import sys
import time

from convert_schema import load_spec, standalone


def result(key, value):
    print(f"RESULT {key} {value:.6g}")


def timed_passes(fn, min_seconds=1.0, batch_seconds=0.005):
    """Times fn for at least min_seconds and returns (1, seconds per call): the fastest of the
    batches of k calls run in that time, k chosen so that one batch takes at least batch_seconds.
    The fastest batch, not the mean, so that a burst of load from other processes moves neither
    side of a ratio; the throughput tool (Sources/throughput) times spec-check the same way."""
    start = time.perf_counter()
    batch = 1
    best = float("inf")
    while True:
        batch_start = time.perf_counter()
        for _ in range(batch):
            fn()
        elapsed = time.perf_counter() - batch_start
        if elapsed < batch_seconds:
            batch *= 2
            best = float("inf")
        else:
            best = min(best, elapsed / batch)
        if time.perf_counter() - start >= min_seconds and best != float("inf"):
            return 1, best


def read_jsonl(path):
    with open(path, "rb") as f:
        return [json.loads(line) for line in f if line.strip()]


def path_string(parts):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def yaml_load(path, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        load_spec(path)
        best = min(best, time.perf_counter() - start)
    print(f"PyYAML CSafeLoader: {best:.4f} s for {os.path.getsize(path)} bytes (best of {repeat})")
    result("pyyaml_load_s", best)


def rs(schema_path, jsonl_path):
    import jsonschema_rs
    with open(schema_path) as f:
        schema = json.load(f)
    validator = jsonschema_rs.validator_for(schema, validate_formats=True)
    instances = read_jsonl(jsonl_path)
    n = len(instances)
    counts = {}

    def is_valid_pass():
        counts["valid"] = sum(1 for i in instances if validator.is_valid(i))

    passes, seconds = timed_passes(is_valid_pass)
    print(f"jsonschema-rs is_valid:    {counts['valid']} valid of {n}; {n * passes / seconds:.0f} instances/s")
    result("rs_valid_count", counts["valid"])
    result("rs_isvalid_per_s", n * passes / seconds)

    def iter_errors_pass():
        errors = 0
        checksum = 0
        for instance in instances:
            for error in validator.iter_errors(instance):
                errors += 1
                checksum += len(path_string(error.instance_path)) + len(error.message)
        counts["errors"] = errors

    passes, seconds = timed_passes(iter_errors_pass)
    print(f"jsonschema-rs iter_errors: {counts['errors']} errors; {n * passes / seconds:.0f} instances/s")
    result("rs_error_count", counts["errors"])
    result("rs_iter_errors_per_s", n * passes / seconds)

    try:
        import orjson
    except ImportError:
        print("orjson missing: the parse + validate anchor is skipped")
        return
    with open(jsonl_path, "rb") as f:
        lines = [line.rstrip(b"\n") for line in f if line.strip()]

    def bytes_pass():
        counts["bytes_valid"] = sum(1 for line in lines if validator.is_valid(orjson.loads(line)))

    passes, seconds = timed_passes(bytes_pass)
    print(f"orjson.loads + jsonschema-rs is_valid: {counts['bytes_valid']} valid; {len(lines) * passes / seconds:.0f} instances/s")
    result("rs_bytes_per_s", len(lines) * passes / seconds)


def rs_case(schema_path, instance_path):
    """One of jsonschema-rs's published benchmark cases (its crates/benchmark data): the validator
    is built once with formats asserted, as spec-check asserts them; times are per call."""
    import jsonschema_rs
    import orjson
    with open(schema_path, "rb") as f:
        schema = orjson.loads(f.read())
    with open(instance_path, "rb") as f:
        raw = f.read()
    instance = orjson.loads(raw)
    validator = jsonschema_rs.validator_for(schema, validate_formats=True)
    valid = validator.is_valid(instance)
    errors = sum(1 for _ in validator.iter_errors(instance))

    def iter_errors():
        for error in validator.iter_errors(instance):
            len(path_string(error.instance_path)) + len(error.message)

    for key, fn in (("isvalid", lambda: validator.is_valid(instance)), ("iter_errors", iter_errors),
                    ("bytes", lambda: validator.is_valid(orjson.loads(raw)))):
        # 0.5 s, as the throughput tool's `case` is given by compare.sh.
        passes, seconds = timed_passes(fn, min_seconds=0.5)
        result(f"rs_case_{key}_s", seconds / passes)
    print(f"jsonschema-rs case: {'valid' if valid else 'invalid'} ({errors} errors)")
    result("rs_case_valid", int(valid))
    result("rs_case_errors", errors)


def pyjs(schema_path, jsonl_path):
    import jsonschema
    with open(schema_path) as f:
        schema = json.load(f)
    cls = jsonschema.Draft202012Validator
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    instances = read_jsonl(jsonl_path)
    n = len(instances)
    counts = {}

    def iter_errors_pass():
        errors = 0
        valid = 0
        for instance in instances:
            found = 0
            for error in validator.iter_errors(instance):
                found += 1
                len(error.json_path) + len(error.message)
            errors += found
            valid += found == 0
        counts["errors"], counts["valid"] = errors, valid

    passes, seconds = timed_passes(iter_errors_pass)
    print(f"python-jsonschema iter_errors: {counts['valid']} valid of {n}, {counts['errors']} errors; {n * passes / seconds:.0f} instances/s")
    result("pyjs_valid_count", counts["valid"])
    result("pyjs_iter_errors_per_s", n * passes / seconds)


def whole(spec_path, name, target):
    import jsonschema_rs
    validator = jsonschema_rs.validator_for(standalone(load_spec(spec_path), name), validate_formats=True)
    if os.path.isdir(target):
        files = [os.path.join(target, f) for f in sorted(os.listdir(target)) if f.endswith(".json")]

        def instances():
            for path in files:
                with open(path, "rb") as f:
                    yield path, json.load(f)
    else:
        def instances():
            with open(target, "rb") as f:
                for number, line in enumerate(f, 1):
                    if line.strip():
                        yield f"{target}:{number}", json.loads(line)
    out = sys.stdout
    invalid = 0
    for label, instance in instances():
        errors = [{"instanceLocation": path_string(e.instance_path), "error": e.message}
                  for e in validator.iter_errors(instance)]
        invalid += bool(errors)
        out.write(json.dumps({"file": label, "valid": not errors, "errors": errors}) + "\n")
    sys.exit(1 if invalid else 0)


def exchange(spec_path, jsonl_path):
    """openapi-core's request and response validation of the seed's POST /videos: each line of the
    JSONL file is a request body (bytes, as received), sent with a bearer token; the answer is one
    202 application/json body."""
    from openapi_core import OpenAPI
    from openapi_core.testing import MockRequest, MockResponse

    openapi = OpenAPI.from_file_path(spec_path)
    with open(jsonl_path, "rb") as f:
        bodies = [line.rstrip(b"\n") for line in f if line.strip()]
    headers = {"Authorization": "Bearer sk-or-v1-0123456789abcdef0123456789abcdef", "Content-Type": "application/json"}
    answer = b'{"id":"job-abc123","generation_id":"gen-xyz789","polling_url":"/api/v1/videos/job-abc123","status":"pending"}'

    def request(body):
        return MockRequest("https://openrouter.ai", "post", "/api/v1/videos", headers=headers, data=body, content_type="application/json")

    def response():
        return MockResponse(answer, status_code=202, content_type="application/json")

    invalid = 0
    for body in bodies:
        try:
            openapi.validate_request(request(body))
        except Exception:
            invalid += 1
    openapi.validate_response(request(bodies[0]), response())
    print(f"openapi-core: {len(bodies)} requests ({invalid} invalid)")

    def requests_pass():
        for body in bodies:
            try:
                openapi.validate_request(request(body))
            except Exception:
                pass

    def responses_pass():
        req = request(bodies[0])
        for _ in bodies:
            openapi.validate_response(req, response())

    def exchanges_pass():
        for body in bodies:
            req = request(body)
            try:
                openapi.validate_request(req)
            except Exception:
                pass
            openapi.validate_response(req, response())

    for key, fn, unit in (("request", requests_pass, "requests"), ("response", responses_pass, "responses"), ("exchange", exchanges_pass, "exchanges")):
        passes, elapsed = timed_passes(fn, min_seconds=2.0)
        rate = len(bodies) * passes / elapsed
        print(f"openapi-core {key}: {rate:.0f} {unit}/s")
        result(f"oc_{key}_per_s", rate)
    result("oc_invalid_requests", invalid)


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    command, args = argv[1], argv[2:]
    if command == "yaml-load":
        repeat = int(args[args.index("--repeat") + 1]) if "--repeat" in args else 3
        yaml_load(args[0], repeat)
    elif command == "rs":
        rs(*args[:2])
    elif command == "rs-case":
        rs_case(*args[:2])
    elif command == "pyjs":
        pyjs(*args[:2])
    elif command == "whole":
        whole(*args[:3])
    elif command == "exchange":
        exchange(*args[:2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
