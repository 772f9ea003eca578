"""Differential exchange audit: spec-check's whole-request verdicts against the requests
schemathesis generates from real OpenAPI descriptions (see docs/DESIGN.md, "Exchange audit"; run
through scripts/exchange-audit.sh).

For each operation of a document, schemathesis (its Python API: `schemathesis.openapi.from_path`,
`APIOperation.as_strategy`) draws POSITIVE requests — path, query, headers, cookies, body and media
type as the description allows them — and, with `--negative`, NEGATIVE ones (one part made to
break the description). Each request is serialized exactly as schemathesis sends it (its requests
transport, `Case.as_transport_kwargs`, prepared by `requests`) against the operation's server URL
(the operation's, else the Path Item's, else the document's `servers`, variables at their
defaults) and written as a HAR 1.2 entry without a response (`response.status` 0). One HAR file
per document and mode is checked by `spec-check har --spec DOC FILE --format json`. `--styles`
adds a document the script writes, one operation per parameter style (`styles_document`);
operations written as `$ref`s to other files are inlined for schemathesis (`inline_operations`).

A positive request spec-check calls invalid, and a negative request it calls valid, is a
disagreement, written to OUT/disagreements/<doc>/<mode>-<n>.json with the request, what
schemathesis says it generated and spec-check's errors. Negative requests are noisier (a mutation
may still fit the description, as schemathesis itself warns), so they are counted apart.

Requests schemathesis produces that the specifications forbid are rejected in the generator and
counted by the rule they break (`FILTERS`, `OPERATION_FILTERS`); disagreements are grouped by
their errors' codes and locations (`cause`), and named by the explanation the triage found for
them (`KNOWN`; "unexplained" otherwise).
"""
import argparse
import base64
import collections
import json
import os
import re
import subprocess
import time
import warnings

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation import GenerationMode

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace", "query")


def server_url(doc, path, method):
    """The operation's first server URL (operation, Path Item, document; OpenAPI 3.x "servers"),
    `{variables}` at their `default`; "http://localhost" before a relative one."""
    item = doc.get("paths", {}).get(path, {})
    for holder in (item.get(method, {}), item, doc):
        servers = holder.get("servers") if isinstance(holder, dict) else None
        if isinstance(servers, list) and servers and isinstance(servers[0], dict):
            server = servers[0]
            break
    else:
        server = {"url": "/"}
    url = str(server.get("url", "/"))
    for name, var in (server.get("variables") or {}).items():
        if isinstance(var, dict) and "default" in var:
            url = url.replace("{" + name + "}", str(var["default"]))
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", url):
        url = "http://localhost" + ("" if url.startswith("/") else "/") + url
    return url.rstrip("/")


# Requests schemathesis serializes that a rule of the specifications forbids. Each looks at the
# request as it would be sent and returns the rule's name (counted in the summary) or None; such
# requests are rejected in the generator (`Strategy.filter`), so hypothesis draws others instead.
TOKEN68 = re.compile(r"^[A-Za-z0-9._~+/-]+=*$")


def bearer_token(entry):
    """RFC 6750 section 2.1: `Authorization: Bearer b64token`, where b64token is
    1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" (RFC 9110 section 11.2's token68).
    schemathesis draws the token from printable ASCII, the empty string included."""
    for h in entry["request"]["headers"]:
        if h["name"].lower() == "authorization" and h["value"][:7].lower() == "bearer ":
            if not TOKEN68.match(h["value"][7:]):
                return "Bearer token not b64token (RFC 6750 2.1)"
    return None


def header_field_value(entry):
    """RFC 9110 section 5.5: a field value is visible ASCII, obs-text, SP and HTAB (CR, LF and NUL
    forbidden), and leading or trailing whitespace is not part of it: a value drawn with some
    cannot be sent as drawn."""
    for h in entry["request"]["headers"]:
        v = h["value"]
        if re.search(r"[\x00-\x08\x0a-\x1f\x7f]", v):
            return "header value with a control character (RFC 9110 5.5)"
        if v != v.strip(" \t"):
            return "header value with leading or trailing whitespace (RFC 9110 5.5)"
    return None


def parameters(operation, location):
    """(name, style, explode, type) of the operation's parameters in `location`, with OpenAPI's
    defaults (style form for query and cookie, simple otherwise; explode true for form only)."""
    for param in operation.iter_parameters():
        if str(param.location).split(".")[-1].lower() != location:
            continue
        definition = param.definition if isinstance(param.definition, dict) else {}
        style = definition.get("style") or ("form" if location in ("query", "cookie") else "simple")
        explode = definition.get("explode", style == "form")
        try:
            schema = param.optimized_schema
        except Exception:  # no schema (content): nothing to say about its style
            continue
        kind = schema.get("type") if isinstance(schema, dict) else None
        yield param.name, style, explode, kind


def cookie_form_explode(entry, operation):
    """OpenAPI 3.1.1/3.2.0 style table: `form` with `explode: true` writes an array as
    `color=blue&color=black&color=brown` and an object as `R=100&G=200&B=150` (3.2.0 Appendix D:
    "the wrong delimiter for cookies", hence 3.2's `style: cookie`); schemathesis writes a cookie's
    array or object the `explode: false` way (`color=blue,black,brown`) or as `color=R=100,G=200`."""
    cookie = next((h["value"] for h in entry["request"]["headers"] if h["name"].lower() == "cookie"), "")
    sent = {pair.split("=", 1)[0].strip() for pair in cookie.split(";") if "=" in pair}
    for name, style, explode, kind in parameters(operation, "cookie"):
        if style == "form" and explode and kind in ("array", "object") and name in sent:
            return "cookie form explode=true array/object written as explode=false (OpenAPI style table)"
    return None


def form_object_delimiters(entry, operation):
    """RFC 6570 section 3.2.8 and the OpenAPI style table (`color=R,100,G,200,B,150`): the commas
    between an object's names and values are literal, only commas inside them are percent-encoded
    (3.2.0 Appendix C: split by delimiter before percent-decoding). schemathesis percent-encodes the
    delimiters of a `form`, `explode: false` query object (its arrays it writes right)."""
    query = entry["request"]["url"].partition("?")[2]
    for name, style, explode, kind in parameters(operation, "query"):
        if style == "form" and not explode and kind == "object":
            prefix = requests.utils.quote(name, safe="") + "="
            if any(pair.startswith(prefix) and "%2C" in pair.upper() for pair in query.split("&")):
                return "form explode=false query object with percent-encoded delimiters (RFC 6570 3.2.8)"
    return None


FILTERS = [bearer_token, header_field_value]
# Rules that need the operation's parameters: f(entry, operation).
OPERATION_FILTERS = [cookie_form_explode, form_object_delimiters]


def to_entry(case, base_url):
    kwargs = case.as_transport_kwargs(base_url=base_url)
    prepared = requests.Session().prepare_request(requests.Request(**kwargs))
    headers = []
    for name, value in prepared.headers.items():
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        headers.append({"name": name, "value": value})
    request = {
        "method": prepared.method,
        "url": prepared.url,
        "httpVersion": "HTTP/1.1",
        "cookies": [],
        "headers": headers,
        "queryString": [],
        "headersSize": -1,
        "bodySize": 0,
    }
    body = prepared.body
    if body is not None:
        if isinstance(body, str):
            body = body.encode("utf-8")
        request["bodySize"] = len(body)
        mime = prepared.headers.get("Content-Type", "")
        try:
            request["postData"] = {"mimeType": mime, "text": body.decode("utf-8")}
        except UnicodeDecodeError:
            request["postData"] = {"mimeType": mime, "text": base64.b64encode(body).decode(), "encoding": "base64"}
    return {
        "startedDateTime": "2026-01-01T00:00:00.000Z",
        "time": 0,
        "request": request,
        "response": {"status": 0, "statusText": "", "httpVersion": "", "cookies": [], "headers": [],
                     "content": {"size": 0, "mimeType": ""}, "redirectURL": "", "headersSize": -1, "bodySize": -1},
        "cache": {},
        "timings": {"send": 0, "wait": 0, "receive": 0},
    }


def describe(case):
    """What schemathesis says it generated: the case's parts and, for negative cases, the mutation."""
    out = {
        "path_parameters": case.path_parameters, "query": case.query,
        "headers": dict(case.headers) if case.headers else None, "cookies": case.cookies,
        "media_type": case.media_type,
    }
    meta = getattr(case, "meta", None)
    if meta is not None:
        try:
            out["mutation"] = {str(k): str(v) for k, v in (getattr(meta, "components", None) or {}).items()}
            desc = getattr(getattr(getattr(meta, "phase", None), "data", None), "description", None)
            if desc:
                out["description"] = desc
        except Exception:  # describing is best effort, the request is what counts
            pass
    return out


def is_negative(case):
    """Whether schemathesis made one of the case's parts break the description: a case of the
    negative strategy can be positive all the same (its metadata says "Positive test case")."""
    components = getattr(getattr(case, "meta", None), "components", None) or {}
    return any(getattr(info, "mode", None) == GenerationMode.NEGATIVE for info in components.values())


def draw(operation, mode, count, seed_value, base_url, filtered):
    """Up to `count` requests of `operation` in `mode` as (case, HAR entry), with a fixed seed;
    requests a rule forbids (`FILTERS`) and negative-mode cases that are not negative are
    rejected in the strategy and counted in `filtered`."""
    def allowed(case):
        if mode == GenerationMode.NEGATIVE and not is_negative(case):
            filtered["negative-mode case that breaks nothing (schemathesis: Positive test case)"] += 1
            return False
        try:
            entry = to_entry(case, base_url)
        except Exception as error:  # schemathesis cannot serialize it: nothing was sent
            filtered[f"not serializable by schemathesis ({type(error).__name__})"] += 1
            return False
        rules = [f(entry) for f in FILTERS] + [f(entry, operation) for f in OPERATION_FILTERS]
        for rule in rules:
            if rule:
                filtered[rule] += 1
                return False
        return True

    strategy = operation.as_strategy(generation_mode=mode).filter(allowed)
    cases = []

    @seed(seed_value)
    @settings(max_examples=count, database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def collect(case):
        cases.append((case, to_entry(case, base_url)))

    collect()
    return cases


def spread(items, cap):
    if cap is None or len(items) <= cap:
        return items
    step = len(items) / cap
    return [items[int(i * step)] for i in range(cap)]


def run_cli(cli, spec, har, origins):
    cmd = [cli, "har", "--spec", spec, har, "--format", "json", "--allow-empty"] + origins
    p = subprocess.run(cmd, capture_output=True, text=True)
    results = {}
    for line in p.stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            r = json.loads(line)
            if "entry" in r:
                results[r["entry"]] = r
    if p.returncode not in (0, 1) and not results:
        raise RuntimeError(f"spec-check har exited {p.returncode}: {p.stderr[:2000]}")
    return results


def error_cause(e):
    """An error's cause: its code and location, names kept, values and indices left out."""
    parts = (e.get("instanceLocation") or "").split("/")
    loc = "/".join(parts[:4] if len(parts) > 2 and parts[2] == "body" else parts[:4])
    return f"{e.get('code') or e.get('keyword') or '?'} at {re.sub(r'/[0-9]+(?=/|$)', '/N', loc)}"



# Causes the triage explained (docs/DESIGN.md "Exchange audit"): (mode, regular expression over
# `error_cause()` and the message, or over schemathesis's description of a negative case,
# explanation). The first match names an error; a disagreement is explained when all its errors
# (positive mode) or its mutation (negative mode) are.
KNOWN = [
    ("positive", r"^security\.unmet .*(is empty|are empty)",
     "empty API key: spec-check counts it as absent (ambiguous: OpenAPI says nothing about empty credentials)"),
    ("positive", r"nullable: true .* has no effect without type",
     "schemathesis allows null where nullable has no effect without type (OpenAPI 3.0.4 Schema Object nullable)"),
    ("positive", r"^format at \S+ \S+ is not a valid \"(float|double|int32|int64)\"",
     "format range asserted (spec-check's default; --formats annotate makes formats annotations, as JSON Schema's default)"),
    ("positive", r"^type at /request/body/[^ ]* expected [a-z ]+, found string \"null\"$",
     "null written as the text \"null\" in a form field (Appendix B: implementation-defined; spec-check reads a string)"),
    ("negative", r"^(query|headers?|cookies?|path_parameters|path): violates `additionalProperties`",
     "undocumented parameter: OpenAPI does not forbid it (spec-check warns of query ones; --strict makes them errors)"),
    ("negative", r"(?i)^headers?: violates .* at /properties/(accept|content-type|authorization)\b",
     "an Accept, Content-Type or Authorization header parameter \"SHALL be ignored\" (OpenAPI Parameter Object name)"),
    ("negative", r"^(query|headers?|cookies?|path_parameters|path): violates `(type|anyOf|oneOf)`",
     "a parameter's type mutated, but its text on the wire is a value the schema accepts (e.g. false for a string)"),
    ("negative", r"^body: (\s*-?\s*violates `(type|anyOf|oneOf)`[^\n]*)+ [(]form body[)]",
     "a form field's type mutated, but its text is a value the schema accepts (a text part is a string)"),
    ("negative", r"violates `type` at \S+ [(]was null, became number[)]",
     "null of a nullable number mutated to a number the type accepts (an integral number is an integer)"),
    ("negative", r"^body: .*\bbody [(]empty[)]",
     "an empty body where the request body is optional: spec-check reads no body (ambiguous, see DESIGN)"),
]
# A path key with a query string (OpenAI's `/responses?beta=true` beside `/responses`) is no path
# template (OpenAPI 3.2.0 "Path Templating": segments are pchar, which excludes `?`); schemathesis
# sends its query, spec-check routes by the path to the operation without one.
QUERY_IN_PATH_KEY = "path key with a query string: not a path template; spec-check routes to the operation without it"
# Operations whose request schemas bend the specification: (regular expression over the operation,
# explanation). DigitalOcean's load balancer bodies declare `droplet_ids` and `tag` as
# `properties: {$ref: attributes.yml#/…}`, a Schema Object whose `properties` value is no map of
# schemas; spec-check reads the map the reference designates, schemathesis a property named `$ref`,
# so it draws any value for `tag` and `droplet_ids`.
OPERATION_KNOWN = [
    (r"^(POST|PUT) /v2/load_balancers", "properties: {$ref} (not a Schema Object; spec-check reads the map it designates)"),
]


def explain(mode, result, info):
    if "?" in info["operation"]:
        return [QUERY_IN_PATH_KEY]
    for pattern, why in OPERATION_KNOWN:
        if mode == "positive" and re.search(pattern, info["operation"]):
            return [why]
    if mode == "negative":
        text = " ".join([
            cause(mode, result, info) + (" body (empty)" if info.get("empty body") else "")
            + (" (form body)" if info.get("form body") else ""),
            info["schemathesis"].get("description") or ""] + [w.get("error", "") for w in result.get("warnings") or []])
        return [next((why for m, pattern, why in KNOWN if m == mode and re.search(pattern, text)), "unexplained")]
    errors = result.get("errors") or []
    whys = []
    for e in errors:
        text = error_cause(e) + " " + e.get("error", "")
        whys.append(next((why for m, pattern, why in KNOWN if m == mode and re.search(pattern, text)), "unexplained"))
    # The other errors about the same value (its `oneOf`/`anyOf`/`allOf` branches) share the explanation.
    by_place = {e.get("instanceLocation"): w for e, w in zip(errors, whys) if w != "unexplained"}
    whys = [by_place.get(e.get("instanceLocation"), w) if w == "unexplained" else w for e, w in zip(errors, whys)]
    return sorted(set(whys)) or ["unexplained"]


def cause(mode, result, info):
    if mode == "negative":
        desc = info["schemathesis"].get("description") or "?"
        parts = sorted(str(k).split(".")[-1].lower() for k, v in (info["schemathesis"].get("mutation") or {}).items()
                       if "NEGATIVE" in v)
        return f"{'/'.join(parts)}: {re.sub(r'[(].*', '', desc).strip()}"
    return "; ".join(sorted({error_cause(e) for e in result.get("errors") or []}))


def styles_document():
    """A document of one operation per parameter location, style, explode and value shape of the
    OpenAPI 3.1.1 style table (§4.8.12.4.2), and form bodies with Encoding Objects: the real
    documents use few styles beyond form and simple. Header and cookie values are restricted to
    unreserved characters but `.`: they are not percent-encoded (OpenAPI 3.1.1 Appendix D), so a
    `,` or `;` in an item cannot be told from a delimiter; query and path values are any text but
    the styles' delimiters. Items and members are constrained so that a wrong split fails."""
    safe = {"type": "string", "pattern": "^[A-Za-z0-9_~-]*$"}
    # Any text but the delimiters of the styles (RFC 6570 leaves `.` unencoded, so a label item
    # holding one could not be told from two), so that a misread split fails the pattern.
    text_any = {"type": "string", "pattern": "^[^,|;=. &/?#]*$"}
    shapes = {
        "string": lambda text: text,
        "integer": lambda text: {"type": "integer"},
        "array": lambda text: {"type": "array", "items": text},
        "object": lambda text: {"type": "object", "required": ["a"], "additionalProperties": False,
                                "properties": {"a": text, "b": {"type": "integer"}}},
    }
    table = {
        "path": [("simple", e) for e in (False, True)] + [("label", e) for e in (False, True)]
        + [("matrix", e) for e in (False, True)],
        "query": [("form", e) for e in (False, True)] + [("spaceDelimited", False), ("pipeDelimited", False),
                                                         ("deepObject", True)],
        "header": [("simple", e) for e in (False, True)],
        "cookie": [("form", e) for e in (False, True)],
    }
    paths = {}
    for location, styles in table.items():
        for style, explode in styles:
            for shape, make in shapes.items():
                if style in ("spaceDelimited", "pipeDelimited") and shape != "array":
                    continue
                if style == "deepObject" and shape != "object":
                    continue
                text = safe if location in ("header", "cookie") else text_any
                schema = text if shape == "string" else make(text)
                name = "p"
                key = f"/{location}/{style}/{'explode' if explode else 'plain'}/{shape}"
                param = {"name": name, "in": location, "required": True, "style": style, "explode": explode,
                         "schema": schema}
                paths[key + ("/{p}" if location == "path" else "")] = {
                    "get": {"operationId": key.strip("/").replace("/", "-"), "parameters": [param],
                            "responses": {"200": {"description": "ok"}}}}
    form_schema = {
        "type": "object", "required": ["name"], "additionalProperties": False,
        "properties": {"name": {"type": "string"}, "count": {"type": "integer"}, "flag": {"type": "boolean"},
                       "tags": {"type": "array", "items": {"type": "string"}},
                       "piped": {"type": "array", "items": {"type": "integer"}},
                       "filter": {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "integer"}}}},
    }
    paths["/body/urlencoded"] = {"post": {
        "operationId": "body-urlencoded",
        "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {
            "schema": form_schema,
            "encoding": {"piped": {"style": "pipeDelimited", "explode": False},
                         "filter": {"style": "deepObject", "explode": True}}}}},
        "responses": {"200": {"description": "ok"}}}}
    paths["/body/multipart"] = {"post": {
        "operationId": "body-multipart",
        "requestBody": {"required": True, "content": {"multipart/form-data": {
            "schema": {"type": "object", "required": ["name", "file"],
                       "properties": {"name": {"type": "string"}, "count": {"type": "integer"},
                                      "meta": {"type": "object", "properties": {"a": {"type": "string"}}},
                                      "file": {"type": "string", "contentMediaType": "application/octet-stream",
                                               "contentEncoding": "binary"}}},
            "encoding": {"file": {"contentType": "application/octet-stream"}}}}},
        "responses": {"200": {"description": "ok"}}}}
    return {"openapi": "3.1.1", "info": {"title": "parameter styles", "version": "1"},
            "servers": [{"url": "https://api.example.com/v1"}], "paths": paths}


def absolutize(node, base_file):
    """`node` with every `$ref` to a file made an absolute path (schemathesis resolves a reference
    relative to the document it reads, which `inline_operations` moves)."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                path, hash_sign, fragment = value.partition("#")
                target = os.path.normpath(os.path.join(os.path.dirname(base_file), path)) if path else base_file
                out[key] = target + hash_sign + fragment
            else:
                out[key] = absolutize(value, base_file)
        return out
    if isinstance(node, list):
        return [absolutize(x, base_file) for x in node]
    return node


def inline_operations(spec, out_dir, label):
    """A copy of `spec` for schemathesis with Operation Objects written as `$ref`s to other files
    inlined (DigitalOcean: `get: {$ref: resources/…yml}`). OpenAPI has no Reference Object in that
    position (a Path Item's `get` is an Operation Object), and schemathesis reads such an
    operation as empty: no parameters, no body. spec-check follows them; it still reads the
    original. Returns (path to read, operations inlined)."""
    from schemathesis.core.deserialization import deserialize_yaml

    root = os.path.abspath(spec)
    with open(root) as f:
        doc = deserialize_yaml(f)
    inlined = 0
    for item in (doc.get("paths") or {}).values():
        if not isinstance(item, dict):
            continue
        for method in METHODS:
            op = item.get(method)
            if isinstance(op, dict) and set(op) == {"$ref"} and isinstance(op["$ref"], str) and not op["$ref"].startswith("#"):
                target = os.path.normpath(os.path.join(os.path.dirname(root), op["$ref"].partition("#")[0]))
                with open(target) as f:
                    item[method] = absolutize(deserialize_yaml(f), target)
                inlined += 1
    if not inlined:
        return spec, 0
    path = os.path.join(out_dir, "inlined", label + ".json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(absolutize(doc, root), f, default=str)
    return path, inlined


def audit(label, spec, a):
    summary = {"document": label, "operations": 0, "operations not loaded": 0, "modes": {}}
    try:
        generator_spec, summary["operations inlined for schemathesis"] = inline_operations(spec, a.out, label)
        schema = schemathesis.openapi.from_path(generator_spec)
        doc = schema.raw_schema
        operations = []
        for result in schema.get_all_operations():
            if hasattr(result, "ok"):
                operations.append(result.ok())
            else:  # an operation schemathesis cannot read
                summary["operations not loaded"] += 1
                summary.setdefault("not loaded", []).append(str(result.err())[:300])
    except Exception as error:
        summary["error"] = f"schemathesis cannot load it: {type(error).__name__}: {str(error)[:500]}"
        return summary
    operations.sort(key=lambda op: (op.path, op.method))
    operations = spread(operations, a.cap)
    summary["operations"] = len(operations)
    modes = [("positive", GenerationMode.POSITIVE)] + ([("negative", GenerationMode.NEGATIVE)] if a.negative else [])
    for mode_name, mode in modes:
        stats = collections.Counter()
        filtered = collections.Counter()
        failures = collections.Counter()
        entries, infos = [], []
        for op in operations:
            base = server_url(doc, op.path, op.method.lower())
            try:
                cases = draw(op, mode, a.per_operation, int(a.seed), base, filtered)
            except Unsatisfiable:
                # every draw was rejected: for negative mode, usually an operation with nothing to break
                failures["no request drawn (hypothesis Unsatisfiable)"] += 1
                continue
            except Exception as error:  # schemathesis could not generate for this operation
                failures[f"{type(error).__name__}: {str(error).splitlines()[0][:160] if str(error) else ''}"] += 1
                continue
            seen = set()
            for case, entry in cases:
                key = json.dumps(entry["request"], sort_keys=True)
                if key in seen:
                    continue
                seen.add(key)
                entries.append(entry)
                infos.append({"operation": f"{op.method.upper()} {op.path}", "schemathesis": describe(case),
                              "empty body": entry["request"]["bodySize"] == 0 and case.media_type is not None,
                              "form body": (case.media_type or "").startswith(
                                  ("multipart/form-data", "application/x-www-form-urlencoded"))})
        stats["requests"] = len(entries)
        har = os.path.join(a.out, "har", f"{label}-{mode_name}.har")
        with open(har, "w") as f:
            json.dump({"log": {"version": "1.2", "creator": {"name": "exchange_audit.py", "version": "1"},
                               "entries": entries}}, f, ensure_ascii=False)
        results = run_cli(a.cli, spec, har, a.origin_args) if entries else {}
        causes = collections.Counter()
        explained = collections.Counter()
        n = 0
        for i, entry in enumerate(entries):
            r = results.get(i)
            if r is None or r.get("valid") is None:
                stats["not checked (" + (r.get("skipped") or r.get("parseError", "no result")[:80] if r else "no result") + ")"] += 1
                continue
            agree = r["valid"] if mode_name == "positive" else not r["valid"]
            if agree:
                stats["agreed"] += 1
                continue
            stats["disagreed"] += 1
            c = cause(mode_name, r, infos[i])
            causes[c] += 1
            whys = explain(mode_name, r, infos[i])
            explained["unexplained" if "unexplained" in whys else " + ".join(whys)] += 1
            n += 1
            d = os.path.join(a.out, "disagreements", label)
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, f"{mode_name}-{n}.json"), "w") as f:
                json.dump({"document": label, "mode": mode_name, "entry": i, "cause": c, "explanation": whys,
                           **infos[i], "request": entry["request"], "spec-check": {
                               "valid": r["valid"], "operation": r.get("operation"),
                               "errors": r.get("errors"), "warnings": r.get("warnings")}},
                          f, indent=1, ensure_ascii=False)
        summary["modes"][mode_name] = {"stats": dict(stats), "filtered": dict(filtered),
                                       "generation failures": dict(failures), "causes": dict(causes.most_common()),
                                       "explanations": dict(explained.most_common())}
    return summary


def reclassify(out):
    """Prints, per document and mode, the explanations of the disagreements saved in `out`."""
    counts = collections.defaultdict(collections.Counter)
    for doc in sorted(os.listdir(os.path.join(out, "disagreements"))):
        folder = os.path.join(out, "disagreements", doc)
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name)) as f:
                d = json.load(f)
            whys = explain(d["mode"], d["spec-check"], d)
            counts[(doc, d["mode"])]["unexplained" if "unexplained" in whys else " + ".join(whys)] += 1
    for (doc, mode), c in counts.items():
        print(f"{doc} {mode}: {sum(c.values())} disagreements")
        for why, n in c.most_common():
            print(f"    {why}: {n}")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cli", help="the spec-check executable (not needed with --reclassify)")
    p.add_argument("--out", required=True)
    p.add_argument("--cap", type=int, default=None, help="operations per document (spread evenly; default all)")
    p.add_argument("--per-operation", type=int, default=8, help="requests drawn per operation and mode")
    p.add_argument("--seed", default="1")
    p.add_argument("--negative", action="store_true", help="also draw negative requests (reported apart)")
    p.add_argument("--origin", action="append", default=[], help="passed to spec-check har")
    p.add_argument("--styles", action="store_true", help="also audit a generated document of every parameter style")
    p.add_argument("--reclassify", action="store_true",
                   help="name the disagreements already in OUT by the current explanations, generating nothing")
    p.add_argument("docs", nargs="*", help="LABEL=PATH")
    a = p.parse_args()
    if a.reclassify:
        reclassify(a.out)
        return
    if not a.cli:
        p.error("--cli is required")
    a.origin_args = [x for o in a.origin for x in ("--origin", o)]
    os.makedirs(os.path.join(a.out, "har"), exist_ok=True)
    warnings.simplefilter("ignore")
    summaries = []
    if a.styles:
        path = os.path.join(a.out, "styles.json")
        with open(path, "w") as f:
            json.dump(styles_document(), f, indent=1)
        a.docs = ["styles=" + path] + a.docs
    for item in a.docs:
        label, spec = item.split("=", 1)
        start = time.time()
        s = audit(label, spec, a)
        s["seconds"] = round(time.time() - start, 1)
        summaries.append(s)
        if "error" in s:
            print(f"{label}: {s['error']}")
            continue
        print(f"{label}: {s['operations']} operations"
              + (f" ({s['operations not loaded']} schemathesis could not load)" if s["operations not loaded"] else "")
              + (f", {s['operations inlined for schemathesis']} inlined for schemathesis"
                 if s.get("operations inlined for schemathesis") else "")
              + f" ({s['seconds']} s)")
        for mode, m in s["modes"].items():
            st = m["stats"]
            print(f"    {mode}: {st.get('requests', 0)} requests, {st.get('agreed', 0)} agreed, "
                  f"{st.get('disagreed', 0)} disagreed")
            for k, v in st.items():
                if k.startswith("not checked"):
                    print(f"        {k}: {v}")
            for k, v in m["filtered"].items():
                print(f"        filtered (draws rejected), {k}: {v}")
            for k, v in m["generation failures"].items():
                print(f"        schemathesis failed: {k}: {v}")
            for k, v in m["explanations"].items():
                print(f"        {k}: {v}")
            for k, v in list(m["causes"].items())[:15]:
                print(f"          cause {k}: {v}")
    with open(os.path.join(a.out, "summary.json"), "w") as f:
        json.dump(summaries, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
