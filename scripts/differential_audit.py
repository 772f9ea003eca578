"""Differential verdict audit: spec-check against jsonschema-rs on the component schemas of real
OpenAPI descriptions (see docs/DESIGN.md, "Differential audit"; run through
scripts/differential-audit.sh).

For each selected component schema it builds instances (the document's own examples, generated
ones, and mutations of both), validates each with the spec-check CLI (`validate --spec DOC
--schema NAME --format json` over one JSON Lines file) and with jsonschema-rs, `format` an
annotation on both sides (`--formats assert`: asserted on both), and records every instance on
which the verdicts differ. Inline request and response body schemas are validated by pointer too.

The document is read by spec-check itself (`overlay --format json` with an empty overlay), so
YAML 1.1/1.2 scalar differences of Python's YAML readers play no part. jsonschema-rs gets a
converted copy of `components/schemas`:

* OpenAPI 3.0 documents become draft 4 (3.0's schema object is a draft-wright-00 subset; draft 4
  has 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum` and ignores `$ref` siblings);
  OpenAPI 3.1 documents stay 2020-12 (`jsonSchemaDialect` aside).
* `nullable: true` beside `type` adds "null" to the type (OpenAPI 3.0.4, Schema Object `nullable`:
  it adds "null" to the types `type` allows; `enum` and the other keywords keep their meaning).
  Without `type` it has no effect and is dropped. spec-check also reads 3.0's
  `nullable` and boolean exclusive bounds in 3.1 documents; the conversion does the same there,
  and the counts of those conversions are printed (they are project choices, not 2020-12).
* `discriminator` is dropped: it "MUST NOT change the validation outcome" (OpenAPI 3.0.4 and
  3.1.1, Discriminator Object), so the verdicts must agree without it.

Disagreements are classified by the keywords named in either side's errors, by the known
legitimate difference they are an instance of (`classify`; anything else is "unexplained"), and
by the OpenAPI-only keywords (`discriminator`, `nullable`, boolean exclusive bounds, `readOnly`,
`writeOnly`, `xml`) in the schemas the instance reached; each is written to
OUT/disagreements/<doc>/<n>.json with both verdicts and both error lists.
"""
import argparse
import collections
import copy
import functools
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time

import jsonschema_rs

SCHEMA_MAPS = {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
SCHEMA_VALUES = {"items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames",
                 "additionalItems", "unevaluatedProperties", "unevaluatedItems"}
SCHEMA_LISTS = {"allOf", "anyOf", "oneOf", "prefixItems"}


class Conversion:
    def __init__(self, oas30):
        self.oas30 = oas30
        self.counts = collections.Counter()

    def convert(self, schema):
        if not isinstance(schema, dict):
            return schema
        out = {}
        for key, value in schema.items():
            if key in ("nullable", "discriminator"):
                if key == "discriminator":
                    self.counts["discriminator dropped"] += 1
                continue
            if key in SCHEMA_MAPS and isinstance(value, dict):
                out[key] = {name: self.convert(sub) for name, sub in value.items()}
            elif key in SCHEMA_VALUES:
                out[key] = [self.convert(s) for s in value] if isinstance(value, list) else self.convert(value)
            elif key in SCHEMA_LISTS and isinstance(value, list):
                out[key] = [self.convert(s) for s in value]
            else:
                out[key] = value
        if schema.get("nullable") is True:
            if "type" in out and not ("$ref" in out and self.oas30):
                types = out["type"] if isinstance(out["type"], list) else [out["type"]]
                if "null" not in types:
                    out["type"] = types + ["null"]
                self.counts["nullable with type" + ("" if self.oas30 else " (3.1 document)")] += 1
            else:
                self.counts["nullable without type (no effect)"] += 1
        if not self.oas30:
            for bound, limit in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
                if isinstance(out.get(bound), bool):
                    self.counts["boolean " + bound + " (3.1 document)"] += 1
                    if out[bound] and limit in out:
                        out[bound] = out.pop(limit)
                    else:
                        del out[bound]
        return out


OAS_ONLY = ("discriminator", "nullable", "readOnly", "writeOnly", "xml")


def pointer_get(doc, pointer):
    node = doc
    for token in pointer.lstrip("#/").split("/"):
        if token == "":
            continue
        token = token.replace("~1", "/").replace("~0", "~")
        node = node[token] if isinstance(node, dict) else node[int(token)]
    return node


class Generator:
    """Builds instances from an OpenAPI schema: plausible valid ones, best effort (the two engines
    judge them; the generator need not be right)."""

    STRINGS = {
        "date-time": "2024-05-06T07:08:09Z", "date": "2024-05-06", "time": "07:08:09Z", "email": "a@example.com",
        "uri": "https://example.com/a", "url": "https://example.com/a", "uuid": "123e4567-e89b-12d3-a456-426614174000",
        "ipv4": "192.0.2.1", "ipv6": "2001:db8::1", "hostname": "example.com", "byte": "aGVsbG8=",
        "binary": "abc", "password": "secret",
    }

    def __init__(self, doc, rng, files=None, base=None):
        self.doc = doc
        self.rng = rng
        self.files = files
        self.base = base

    def resolve(self, schema):
        """Follows `$ref`s (within the document, or across files when `files` is set, moving
        `base` to the file reached)."""
        seen = 0
        while isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and seen < 20:
            ref = schema["$ref"]
            seen += 1
            try:
                if self.files is not None:
                    self.base, schema = self.files.resolve(self.base, ref)
                elif ref.startswith("#/"):
                    schema = pointer_get(self.doc, ref)
                else:
                    return {}
            except (KeyError, IndexError, ValueError, TypeError, OSError):
                return {}
        return schema

    def gen(self, schema, depth=0):
        saved = self.base
        try:
            return self.generate(schema, depth)
        finally:
            self.base = saved

    def generate(self, schema, depth):
        rng = self.rng
        schema = self.resolve(schema)
        if schema is True or not isinstance(schema, dict):
            return "x"
        if depth > 7:
            return None if schema.get("nullable") else {}
        if "example" in schema and rng.random() < 0.3:
            return copy.deepcopy(schema["example"])
        if isinstance(schema.get("examples"), list) and schema["examples"] and rng.random() < 0.3:
            return copy.deepcopy(rng.choice(schema["examples"]))
        if "const" in schema:
            return copy.deepcopy(schema["const"])
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return copy.deepcopy(rng.choice(schema["enum"]))
        if schema.get("nullable") is True and rng.random() < 0.1:
            return None
        base = None
        if isinstance(schema.get("allOf"), list):
            parts = [self.gen(s, depth + 1) for s in schema["allOf"]]
            dicts = [p for p in parts if isinstance(p, dict)]
            if dicts:
                base = {}
                for p in dicts:
                    base.update(p)
            elif parts:
                base = parts[0]
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list) and schema[key]:
                part = self.gen(rng.choice(schema[key]), depth + 1)
                if isinstance(base, dict) and isinstance(part, dict):
                    base.update(part)
                elif base is None:
                    base = part
        t = schema.get("type")
        if isinstance(t, list):
            choices = [x for x in t if x != "null"] or t
            t = rng.choice(choices) if choices else None
        if t is None:
            if "properties" in schema or "required" in schema:
                t = "object"
            elif "items" in schema:
                t = "array"
            elif base is not None:
                return base
            else:
                t = rng.choice(["string", "integer", "object"])
        if t == "object":
            obj = base if isinstance(base, dict) else {}
            props = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
            required = schema.get("required") if isinstance(schema.get("required"), list) else []
            for name, sub in props.items():
                if name in required or rng.random() < 0.5:
                    obj[name] = self.gen(sub, depth + 1)
            for name in required:
                if isinstance(name, str) and name not in obj:
                    obj[name] = "x"
            return obj
        if base is not None:
            return base
        if t == "array":
            items = schema.get("items", {})
            lo = schema.get("minItems", 1) if isinstance(schema.get("minItems"), int) else 1
            hi = schema.get("maxItems", 2) if isinstance(schema.get("maxItems"), int) else 2
            n = max(lo, min(hi, rng.randint(0, 2)))
            if isinstance(items, dict):
                return [self.gen(items, depth + 1) for _ in range(min(n, 5))]
            return []
        if t == "string":
            s = self.STRINGS.get(schema.get("format"), "text")
            lo = schema.get("minLength") if isinstance(schema.get("minLength"), int) else 0
            hi = schema.get("maxLength") if isinstance(schema.get("maxLength"), int) else None
            if len(s) < lo:
                s = s + "a" * (lo - len(s))
            if hi is not None and len(s) > hi:
                s = s[:hi]
            return s
        if t in ("integer", "number"):
            lo = schema.get("minimum")
            hi = schema.get("maximum")
            v = 1
            if isinstance(lo, (int, float)) and not isinstance(lo, bool):
                v = lo + (1 if schema.get("exclusiveMinimum") is True else 0)
            elif isinstance(hi, (int, float)) and not isinstance(hi, bool) and v > hi:
                v = hi
            if isinstance(schema.get("exclusiveMinimum"), (int, float)) and not isinstance(schema.get("exclusiveMinimum"), bool):
                v = schema["exclusiveMinimum"] + 1
            if t == "integer":
                v = int(v)
            elif rng.random() < 0.5:
                v = v + 0.5
            return v
        if t == "boolean":
            return rng.random() < 0.5
        if t == "null":
            return None
        return "x"


def mutations(value, rng, limit):
    """Schema-agnostic edits of `value`: each result differs at one place (wrong type, null,
    missing or extra member, boundary numbers and strings, emptied or repeated arrays)."""
    places = []

    def walk(v, path):
        places.append((path, v))
        if len(places) > 200:
            return
        if isinstance(v, dict):
            for k, sub in v.items():
                walk(sub, path + [k])
        elif isinstance(v, list):
            for i, sub in enumerate(v[:3]):
                walk(sub, path + [i])

    walk(value, [])

    def replaced(path, new):
        if not path:
            return new
        root = copy.deepcopy(value)
        node = root
        for token in path[:-1]:
            node = node[token]
        node[path[-1]] = new
        return root

    out = []
    for path, v in places:
        edits = [None]
        if isinstance(v, bool):
            edits += ["true", 1]
        elif isinstance(v, int):
            edits += [str(v), v + 0.5, float(v), -1, 0, 10**12, -2**31 - 1, 2**63, 10**30, v * 1000 + 7, 0.1, 19.99]
        elif isinstance(v, float):
            edits += [str(v), -1.5, 1e300, 0, 0.3, 1.1, 19.99, 1e-7]
        elif isinstance(v, str):
            edits += [42, "", v + "~!", "x" * 300, "not a date", v.upper(), " " + v, v + "\n", "\U0001F600" * max(1, len(v)),
                      "e\u0301" * max(1, len(v) // 2), "\u0661\u0662\u0663", "a\nb", "2024-13-45T25:61:00Z", "12345"]
        elif isinstance(v, list):
            edits += [{}, [], v + v[:1], [None], ["x"], [v[0]] * 60 if v else [1]]
        elif isinstance(v, dict):
            edits += [[], "x", {}]
            for k in list(v)[:4]:
                d = dict(v)
                del d[k]
                edits.append(d)
            d = dict(v)
            d["zz_unexpected"] = 1
            edits.append(d)
        elif v is None:
            edits += ["null", 0, {}]
        for e in edits:
            out.append(replaced(path, e))
    rng.shuffle(out)
    return out[:limit]


def collect_examples(doc, name, schema):
    found = []
    if name.startswith("#/"):  # an inline body schema: its media type's examples
        try:
            media = pointer_get(doc, name[: -len("/schema")])
        except (KeyError, IndexError, ValueError, TypeError):
            media = {}
        if "example" in media:
            found.append(media["example"])
        for e in (media.get("examples") or {}).values():
            if isinstance(e, dict) and "value" in e:
                found.append(e["value"])
    if "example" in schema:
        found.append(schema["example"])
    if isinstance(schema.get("examples"), list):
        found.extend(schema["examples"])
    ref = "#/components/schemas/" + name

    def walk(node, depth):
        if depth > 12 or len(found) > 8:
            return
        if isinstance(node, dict):
            s = node.get("schema")
            if isinstance(s, dict) and s.get("$ref") == ref:
                if "example" in node:
                    found.append(node["example"])
                ex = node.get("examples")
                if isinstance(ex, dict):
                    for e in ex.values():
                        if isinstance(e, dict) and "value" in e:
                            found.append(e["value"])
            for v in node.values():
                walk(v, depth + 1)
        elif isinstance(node, list):
            for v in node:
                walk(v, depth + 1)

    walk(doc.get("paths", {}), 0)
    return found


def reached_keywords(doc, schema, limit=400):
    """OpenAPI-only keywords in the schemas reachable from `schema` (through $ref too)."""
    found = set()
    stack = [schema]
    seen = set()
    while stack and len(seen) < limit:
        node = stack.pop()
        if isinstance(node, dict):
            if id(node) in seen:
                continue
            seen.add(id(node))
            for k, v in node.items():
                if k in OAS_ONLY or (k in ("exclusiveMinimum", "exclusiveMaximum") and isinstance(v, bool)):
                    found.add(k)
                if k == "$ref" and isinstance(v, str) and v.startswith("#/"):
                    try:
                        stack.append(pointer_get(doc, v))
                    except (KeyError, IndexError, ValueError, TypeError):
                        pass
                elif k not in ("enum", "const", "example", "examples", "default"):
                    stack.append(v)
        elif isinstance(node, list):
            stack.extend(node)
    return found


def inline_schemas(doc):
    """(JSON pointer, schema) of the request and response bodies' schemas written inline (not a
    bare `$ref`), in document order."""
    found = []
    for path, item in (doc.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method, op in item.items():
            if not isinstance(op, dict):
                continue
            bodies = [("requestBody", op.get("requestBody"))]
            bodies += [("responses/" + escape_token(str(code)), r) for code, r in (op.get("responses") or {}).items()]
            for where, body in bodies:
                if not isinstance(body, dict) or not isinstance(body.get("content"), dict):
                    continue
                for media, m in body["content"].items():
                    s = m.get("schema") if isinstance(m, dict) else None
                    if isinstance(s, dict) and s and set(s) != {"$ref"}:
                        found.append(("#/paths/" + "/".join(escape_token(t) for t in (path, method)) + "/" + where
                                      + "/content/" + escape_token(media) + "/schema", s))
    return found


def escape_token(name):
    return name.replace("~", "~0").replace("/", "~1")


DOCUMENTS = {}


def load_document(cli, spec):
    if spec in DOCUMENTS:
        return DOCUMENTS[spec]
    with tempfile.NamedTemporaryFile("w", suffix=".overlay.yaml", delete=False) as f:
        f.write("overlay: 1.0.0\ninfo: {title: none, version: '1'}\nactions:\n"
                "- target: $.info\n  update: {x-differential-audit: true}\n")
        overlay = f.name
    try:
        text = subprocess.run([cli, "overlay", "--spec", spec, "--overlay", overlay, "--format", "json"],
                              check=True, capture_output=True).stdout
    finally:
        os.unlink(overlay)
    return json.loads(text)


FORMATS = "annotate"


class FileSet:
    """The YAML/JSON files of a multi-file description, read as YAML 1.2 (ruamel.yaml), with
    `$ref` resolution relative to the referring file (RFC 3986)."""

    def __init__(self):
        from ruamel.yaml import YAML
        self.yaml = YAML(typ="safe", pure=True)
        # YAML 1.2's core schema has no timestamps: an unquoted date stays the string written
        self.yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp",
                                              lambda loader, node: loader.construct_scalar(node))
        self.docs = {}

    def load(self, path):
        path = os.path.realpath(path)
        if path not in self.docs:
            with open(path) as f:
                self.docs[path] = self.yaml.load(f)
        return self.docs[path]

    def resolve(self, base, ref):
        target, _, fragment = ref.partition("#")
        path = os.path.realpath(os.path.join(os.path.dirname(base), target)) if target else base
        node = self.load(path)
        return path, pointer_get(node, fragment) if fragment else node


def convert_document(conv, node, context="schema", resolve=None):
    """`Conversion.convert` applied to every object of a whole file (schemas sit at any depth in a
    file of a multi-file description): maps of names and data values are left as they are.
    `properties: {$ref: …}` (not JSON Schema: `properties` maps names to schemas) is replaced by
    the map it designates, as spec-check reads it (lint rule `properties-ref`)."""
    if context == "data":
        return node
    if isinstance(node, list):
        return [convert_document(conv, v, context, resolve) for v in node]
    if not isinstance(node, dict):
        return node
    if context == "map":
        return {k: convert_document(conv, v, "schema", resolve) for k, v in node.items()}
    out = {}
    for k, v in node.items():
        if k in ("enum", "const", "example", "examples", "default"):
            out[k] = v
        elif k == "properties" and isinstance(v, dict) and set(v) == {"$ref"} and isinstance(v["$ref"], str) and resolve:
            conv.counts["properties by $ref, read as the map it designates"] += 1
            out[k] = convert_document(conv, resolve(v["$ref"]), "map", resolve)
        elif k in SCHEMA_MAPS or k in ("paths", "responses", "content", "components", "schemas"):
            out[k] = convert_document(conv, v, "map", resolve)
        else:
            out[k] = convert_document(conv, v, "schema", resolve)
    shallow = {k: v for k, v in out.items()}
    converted = conv.convert({k: v for k, v in shallow.items() if k not in SCHEMA_MAPS | SCHEMA_VALUES | SCHEMA_LISTS})
    for k in SCHEMA_MAPS | SCHEMA_VALUES | SCHEMA_LISTS:
        if k in shallow:
            converted[k] = shallow[k]
    return converted


def response_targets(files, spec):
    """(operationId, status, file, schema) of each documented JSON response with a numeric status,
    following `$ref`s across files to the schema."""
    root = files.load(spec)
    found = []
    for path, item in (root.get("paths") or {}).items():
        base = os.path.realpath(spec)
        if isinstance(item, dict) and "$ref" in item:
            base, item = files.resolve(base, item["$ref"])
        for method, op in (item or {}).items():
            if method not in ("get", "put", "post", "delete", "patch"):
                continue
            op_base = base
            if isinstance(op, dict) and "$ref" in op:
                op_base, op = files.resolve(base, op["$ref"])
            if not isinstance(op, dict) or "operationId" not in op:
                continue
            for code, resp in (op.get("responses") or {}).items():
                if not (str(code).isdigit() and str(code).startswith("2")):
                    continue  # the shared error responses would crowd out the operations' own bodies
                r_base = op_base
                if isinstance(resp, dict) and "$ref" in resp:
                    r_base, resp = files.resolve(op_base, resp["$ref"])
                media = ((resp or {}).get("content") or {}).get("application/json")
                if isinstance(media, dict) and isinstance(media.get("schema"), dict):
                    found.append((op["operationId"], str(code), r_base, media["schema"], media))
    return found


def audit_multifile(label, spec, cli, out, cap, per_schema, seed):
    """A multi-file OpenAPI 3.0 description: each selected operation's JSON response body, through
    `validate --response OPERATION --status CODE` and a jsonschema-rs validator whose retriever
    reads (and converts) the description's files."""
    files = FileSet()
    conv = Conversion(True)
    targets = response_targets(files, spec)
    if len(targets) > cap:
        step = len(targets) / cap
        targets = [targets[int(i * step)] for i in range(cap)]
    converted = {}

    def retrieve(uri):
        path = uri[len("file://"):] if uri.startswith("file://") else uri
        if path not in converted:
            converted[path] = convert_document(conv, files.load(path),
                                               resolve=lambda ref, base=path: files.resolve(base, ref)[1])
        return converted[path]

    stats, by_keyword, classes = collections.Counter(), collections.Counter(), collections.Counter()
    ddir = os.path.join(out, "disagreements", label)
    os.makedirs(ddir, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="diff-audit-")
    n_dis = 0
    for op_id, code, base, schema, media in targets:
        rng = random.Random(f"{seed}:{label}:{op_id}:{code}")
        gen = Generator(None, rng, files=files, base=base)
        bases = []
        if "example" in media:
            bases.append(media["example"])
        for e in (media.get("examples") or {}).values():
            if isinstance(e, dict) and "value" in e:
                bases.append(e["value"])
        bases += [gen.gen(schema) for _ in range(6)]
        instances, seen = [], set()
        for b in bases:
            for m in [b] + mutations(b, rng, max(4, per_schema // 7)):
                key = json.dumps(m, sort_keys=True, default=str)
                if key not in seen:
                    seen.add(key)
                    instances.append(m)
        instances = [json.loads(json.dumps(i, default=str)) for i in instances[:per_schema]]
        schema_uri = "file://" + base
        root = {"$schema": "http://json-schema.org/draft-04/schema#", "allOf": [{"$ref": schema_uri}]}
        # the schema itself sits inside its file: point at it by re-reading the file's position
        doc = files.load(base)
        pointer = find_pointer(doc, schema)
        root["allOf"][0]["$ref"] = schema_uri + "#" + pointer
        try:
            validator = jsonschema_rs.Draft4Validator(root, validate_formats=FORMATS == "assert", retriever=retrieve)
        except Exception as e:  # noqa: BLE001
            stats["jsonschema-rs compile failures"] += 1
            print(f"  {label} {op_id} {code}: jsonschema-rs cannot compile: {str(e)[:200]}", file=sys.stderr)
            continue
        path = os.path.join(workdir, "instances.jsonl")
        with open(path, "w") as f:
            for inst in instances:
                f.write(json.dumps(inst, ensure_ascii=False) + "\n")
        proc = subprocess.run([cli, "validate", "--spec", spec, "--response", op_id, "--status", code, "--format", "json",
                               "--formats", FORMATS, "--quiet", "--color", "never", path], capture_output=True, text=True)
        if proc.returncode not in (0, 1):
            stats["spec-check failures"] += 1
            print(f"  {label} {op_id} {code}: spec-check exit {proc.returncode}: {proc.stderr.strip()[:300]}", file=sys.stderr)
            continue
        results = {int(r["file"].rsplit(":", 1)[1]): r for r in map(json.loads, proc.stdout.splitlines())}
        for n, inst in enumerate(instances, 1):
            mine = results[n]
            theirs = disagreement(validator, inst, mine, stats, f"{label} {op_id}")
            if theirs is None:
                continue
            their_valid = not theirs
            label_class = classify(True, mine, theirs)
            if label_class == "unexplained" and {e.get("keyword") for e in mine.get("errors", [])} == {"writeOnly"}:
                label_class = "writeOnly member in a response (OpenAPI direction; --response applies it)"
            classes[label_class] += 1
            for k in sorted({e.get("keyword", "?") for e in mine.get("errors", [])} | {kind_name(e) for e in theirs}):
                by_keyword[k] += 1
            n_dis += 1
            with open(os.path.join(ddir, f"{n_dis:04d}.json"), "w") as f:
                json.dump({"document": spec, "response": f"{op_id} {code}", "schema": schema_uri + "#" + pointer,
                           "instance": inst, "class": label_class,
                           "spec-check": {"valid": mine["valid"], "errors": mine.get("errors", [])},
                           "jsonschema-rs": {"valid": their_valid, "errors": [
                               {"instancePath": "/" + "/".join(map(str, e.instance_path)),
                                "schemaPath": "/" + "/".join(map(str, e.schema_path)), "kind": kind_name(e),
                                "message": e.message} for e in theirs]}}, f, indent=1, ensure_ascii=False)
    return {"document": label, "schemas": len(targets), "of": len(response_targets(files, spec)),
            "dialect": "3.0 → draft 4, multi-file responses", "stats": dict(stats),
            "disagreements by keyword": dict(by_keyword.most_common()), "disagreements reaching OpenAPI-only keywords": {},
            "disagreements by class": dict(classes.most_common()), "conversions": dict(conv.counts)}


def find_pointer(doc, target, path=""):
    """The JSON pointer of the object `target` (by identity) inside `doc`."""
    if doc is target:
        return path
    if isinstance(doc, dict):
        items = doc.items()
    elif isinstance(doc, list):
        items = enumerate(doc)
    else:
        return None
    for k, v in items:
        if isinstance(v, (dict, list)):
            found = find_pointer(v, target, path + "/" + escape_token(str(k)))
            if found is not None:
                return found
    return None


def run_cli(cli, spec, name, instances, workdir):
    path = os.path.join(workdir, "instances.jsonl")
    with open(path, "w") as f:
        for inst in instances:
            f.write(json.dumps(inst, ensure_ascii=False) + "\n")
    proc = subprocess.run([cli, "validate", "--spec", spec, "--schema", name, "--format", "json", "--formats", FORMATS,
                           "--quiet", "--color", "never", path], capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"spec-check exit {proc.returncode} on {name}: {proc.stderr.strip()[:500]}")
    results = {}
    for line in proc.stdout.splitlines():
        r = json.loads(line)
        results[int(r["file"].rsplit(":", 1)[1])] = r
    if len(results) != len(instances):
        raise RuntimeError(f"spec-check gave {len(results)} results for {len(instances)} instances ({name})")
    return [results[i + 1] for i in range(len(instances))]


OAS_FORMATS = {"int32", "int64", "float", "double", "byte", "binary", "password"}


def classify(oas30, mine, theirs):
    """The known legitimate difference a disagreement is an instance of, else "unexplained"."""
    mine_kw = {e.get("keyword") for e in mine.get("errors", [])}
    if oas30 and mine["valid"] and theirs and all(
            kind_name(e) in ("type", "oneOfNotValid", "anyOf") and isinstance(e.instance, float) and e.instance.is_integer()
            for e in theirs):
        # OpenAPI 3.0.4 Data Types: "both 1 and 1.0 are equivalent, and are both considered to be
        # integers"; jsonschema-rs follows draft 4, where 1.0 is not an integer.
        return "integer 1.0 in a 3.0 document (OpenAPI 3.0.4 Data Types; draft 4 differs)"
    if not mine["valid"] and not theirs and mine_kw == {"format"} and all(
            any(f'"{f}"' in e.get("error", "") for f in OAS_FORMATS) for e in mine["errors"]):
        # OpenAPI's own formats (3.0.4 Data Type Format, the Format Registry): jsonschema-rs does
        # not know them, so it lets every value pass.
        return "OpenAPI format asserted (int32/int64/float/double/byte; unknown to jsonschema-rs)"
    if not mine["valid"] and not theirs and mine_kw == {"format"}:
        names = {m.group(1) for e in mine["errors"] for m in [re.search(r'is not a valid "([^"]+)"', e.get("error", ""))] if m}
        if names and oas30 and not any(draft4_checks(f) for f in names):
            # formats JSON Schema defined after draft 4 (uuid: 2019-09) that jsonschema-rs's
            # draft 4 validator does not check; spec-check asserts them in every dialect
            return "format defined after draft 4 (uuid, ...), unknown to jsonschema-rs's draft 4"
    return "unexplained"


@functools.cache
def draft4_checks(fmt):
    """Whether jsonschema-rs's draft 4 validator checks `fmt` at all (a value no format accepts)."""
    return not jsonschema_rs.Draft4Validator({"format": fmt}, validate_formats=True).is_valid("\u0000 not [ any")


def kind_name(error):
    k = type(error.kind).__name__
    return k[0].lower() + k[1:]


def audit_document(label, spec, cli, out, cap, per_schema, seed):
    doc = load_document(cli, spec)
    oas30 = str(doc.get("openapi", "")).startswith("3.0")
    conv = Conversion(oas30)
    schemas = dict(doc.get("components", {}).get("schemas", {}))
    converted = {name: conv.convert(s) for name, s in schemas.items()}
    names = sorted(schemas)
    if cap <= 0:
        names = []
    elif len(names) > cap:
        step = len(names) / cap
        names = [names[int(i * step)] for i in range(cap)]
    inline = inline_schemas(doc)[:max(10, cap // 4) if cap > 0 else 0]
    targets, target_keys = {}, {}  # inline media-type schemas, validated by pointer
    for pointer, s in inline:
        schemas[pointer] = s
        target_keys[pointer] = f"t{len(targets)}"
        targets[target_keys[pointer]] = conv.convert(s)
        names.append(pointer)
    draft = "http://json-schema.org/draft-04/schema#" if oas30 else "https://json-schema.org/draft/2020-12/schema"
    cls = jsonschema_rs.Draft4Validator if oas30 else jsonschema_rs.Draft202012Validator
    stats = collections.Counter()
    by_keyword = collections.Counter()
    oas_related = collections.Counter()
    classes = collections.Counter()
    ddir = os.path.join(out, "disagreements", label)
    os.makedirs(ddir, exist_ok=True)
    n_dis = 0
    workdir = tempfile.mkdtemp(prefix="diff-audit-")
    for name in names:
        rng = random.Random(f"{seed}:{label}:{name}")
        gen = Generator(doc, rng)
        schema = schemas[name]
        bases = [e for e in collect_examples(doc, name, schema if isinstance(schema, dict) else {})]
        bases += [gen.gen(schema) for _ in range(6)]
        uniq, seen = [], set()
        for b in bases:
            key = json.dumps(b, sort_keys=True)
            if key not in seen:
                seen.add(key)
                uniq.append(b)
        instances = list(uniq)
        for b in uniq:
            for m in mutations(b, rng, max(4, per_schema // max(1, len(uniq)))):
                key = json.dumps(m, sort_keys=True)
                if key not in seen:
                    seen.add(key)
                    instances.append(m)
        instances = instances[:per_schema]
        ref = ("#/x-targets/" + target_keys[name]) if name in target_keys else "#/components/schemas/" + escape_token(name)
        root = {"$schema": draft, "allOf": [{"$ref": ref}], "components": {"schemas": converted}, "x-targets": targets}
        try:
            validator = cls(root, validate_formats=FORMATS == "assert")
        except Exception as e:  # noqa: BLE001 - reported, never counted as a verdict
            stats["jsonschema-rs compile failures"] += 1
            print(f"  {label} {name}: jsonschema-rs cannot compile: {str(e)[:200]}", file=sys.stderr)
            continue
        try:
            ours = run_cli(cli, spec, name, instances, workdir)
        except RuntimeError as e:
            stats["spec-check failures"] += 1
            print(f"  {label}: {e}", file=sys.stderr)
            continue
        oas = None
        for inst, mine in zip(instances, ours):
            theirs = disagreement(validator, inst, mine, stats, f"{label} {name}")
            if theirs is None:
                continue
            their_valid = not theirs
            if oas is None:
                oas = reached_keywords(doc, schema)
            cls_label = classify(oas30, mine, theirs)
            classes[cls_label] += 1
            kws = sorted({e.get("keyword", "?") for e in mine.get("errors", [])} | {kind_name(e) for e in theirs})
            for k in kws:
                by_keyword[k] += 1
            for k in sorted(oas):
                oas_related[k] += 1
            n_dis += 1
            with open(os.path.join(ddir, f"{n_dis:04d}.json"), "w") as f:
                json.dump({
                    "document": spec, "schema": name if name in target_keys else "#/components/schemas/" + escape_token(name), "instance": inst,
                    "spec-check": {"valid": mine["valid"], "errors": [
                        {k: e.get(k) for k in ("instanceLocation", "keywordLocation", "keyword", "error", "source")}
                        for e in mine.get("errors", [])]},
                    "jsonschema-rs": {"valid": their_valid, "errors": [
                        {"instancePath": "/" + "/".join(map(str, e.instance_path)),
                         "schemaPath": "/" + "/".join(map(str, e.schema_path)), "kind": kind_name(e), "message": e.message}
                        for e in theirs]},
                    "openapi-only keywords reached": sorted(oas), "class": cls_label,
                }, f, indent=1, ensure_ascii=False)
    return {"document": label, "schemas": len(names), "of": len(schemas), "dialect": "3.0 → draft 4" if oas30 else "3.1 → 2020-12",
            "stats": dict(stats), "disagreements by keyword": dict(by_keyword.most_common()),
            "disagreements reaching OpenAPI-only keywords": dict(oas_related),
            "disagreements by class": dict(classes.most_common()), "conversions": dict(conv.counts)}



def disagreement(validator, inst, mine, stats, where):
    """jsonschema-rs's errors for `inst` when its verdict differs from spec-check's result `mine`
    (an empty list: jsonschema-rs found it valid); None when the two agree or jsonschema-rs failed.
    Counts the instance in `stats`; `where` names it in a failure message."""
    try:
        theirs = list(validator.iter_errors(inst))
    except Exception as e:  # noqa: BLE001 - reported, never counted as a verdict
        stats["jsonschema-rs runtime failures"] += 1
        print(f"  {where}: jsonschema-rs failed: {str(e)[:200]}", file=sys.stderr)
        return None
    their_valid = not theirs
    stats["instances"] += 1
    stats["valid (both)" if mine["valid"] and their_valid else "invalid (both)" if mine["valid"] == their_valid
          else "disagreements"] += 1
    return None if mine["valid"] == their_valid else theirs


PROBES = ["", "a", "A", "_", "-", " ", "é", "ß", "\u212a", "\u0130", "ǅ", "a\u0301", "\U0001F600", "\u00a0", "\u2028",
          "abc_def-1", "2024-01-02", "2024-01-02\n", "\n2024-01-02", "\u0661\u0662\u0663\u0664-\u0665\u0666-\u0667\u0668",
          "２０２４-01-02", "tunnel_" + "a" * 32, "tunnel_" + "A" * 32, "sk-" + "a" * 48, "x sk-" + "b1" * 24 + " y",
          "sk-" + "a" * 49, "f" * 64, "F" * 64, "a.b-c_d", "a..b", "https://u:p@h/x/1", "https://u@h/1/",
          "ab", "abcd", "abcde", "a-b", "a--b", "-a", "a\nb", "\t", "\u0000", "a\u200db"]


def collect_patterns(node, found, depth=0):
    if depth > 60:
        return
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "pattern" and isinstance(v, str):
                found.add(v)
            elif k == "patternProperties" and isinstance(v, dict):
                found.update(x for x in v if isinstance(x, str))
            if k not in ("enum", "const", "example", "examples", "default"):
                collect_patterns(v, found, depth + 1)
    elif isinstance(node, list):
        for v in node:
            collect_patterns(v, found, depth + 1)


def audit_patterns(label, cli, out, patterns):
    """Every `pattern` of the document against fixed probe strings (Unicode classes, anchors and
    line ends, case): `pattern` is ECMA-262 with the `u` flag on both sides."""
    workdir = tempfile.mkdtemp(prefix="diff-audit-patterns-")
    disagreements = []
    compared = 0
    for i, pattern in enumerate(sorted(patterns)):
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "pattern": pattern}
        try:
            validator = jsonschema_rs.Draft202012Validator(schema)
        except Exception as e:  # noqa: BLE001
            print(f"  {label} pattern {pattern!r}: jsonschema-rs cannot compile: {str(e)[:200]}", file=sys.stderr)
            continue
        schema_file = os.path.join(workdir, f"p{i}.json")
        with open(schema_file, "w") as f:
            json.dump(schema, f)
        data = os.path.join(workdir, f"p{i}.jsonl")
        with open(data, "w") as f:
            for probe in PROBES:
                f.write(json.dumps(probe) + "\n")
        proc = subprocess.run([cli, "validate", "--schema-file", schema_file, "--format", "json", "--quiet", "--color",
                               "never", data], capture_output=True, text=True)
        if proc.returncode not in (0, 1):
            print(f"  {label} pattern {pattern!r}: spec-check exit {proc.returncode}: {proc.stderr.strip()[:300]}",
                  file=sys.stderr)
            continue
        results = {int(r["file"].rsplit(":", 1)[1]): r for r in map(json.loads, proc.stdout.splitlines())}
        for n, probe in enumerate(PROBES, 1):
            compared += 1
            theirs = validator.is_valid(probe)
            if results[n]["valid"] != theirs:
                disagreements.append({"pattern": pattern, "instance": probe, "spec-check": results[n],
                                      "jsonschema-rs": {"valid": theirs}})
    ddir = os.path.join(out, "disagreements", label + "-patterns")
    os.makedirs(ddir, exist_ok=True)
    for n, d in enumerate(disagreements, 1):
        with open(os.path.join(ddir, f"{n:04d}.json"), "w") as f:
            json.dump(d, f, indent=1, ensure_ascii=False)
    return len(patterns), compared, disagreements


FORMAT_PROBES = {
    "date-time": ["2024-05-06T07:08:09Z", "2024-05-06t07:08:09z", "2024-05-06 07:08:09Z", "2024-05-06T07:08:09.123456789Z",
                  "2024-05-06T07:08:09+05:30", "2024-05-06T07:08:09-00:00", "2024-05-06T07:08:09", "2024-02-30T00:00:00Z",
                  "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2016-12-31T23:59:60Z", "2016-12-31T22:59:60-01:00",
                  "2016-12-31T23:59:61Z", "2016-12-31T23:58:60Z", "2016-12-31T22:59:60Z", "2024-05-06T24:00:00Z",
                  "2024-05-06T07:08:09.Z", "2024-05-06T07:08:09,5Z", "20240506T070809Z", "2024-5-6T07:08:09Z",
                  "2024-05-06T07:08:09+24:00", "2024-05-06T07:08:09+05:60", "2024-05-06T07:08Z", "2024-05-06T07:08:09Z\n",
                  "\u0662024-05-06T07:08:09Z", "0000-01-01T00:00:00Z", "2024-05-06T07:08:09+0530"],
    "date": ["2024-05-06", "2024-02-29", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-5-6", "20240506",
             "2024-05-06T00:00:00Z", "2024-05-06\n", "\uff12024-05-06", "0000-01-01", "1900-02-29", "2000-02-29", "2024-05-00"],
    "time": ["07:08:09Z", "07:08:09", "07:08:09+01:00", "23:59:60Z", "24:00:00Z", "07:08:09.5z"],
    "uri": ["https://example.com/a", "http://[::1]:80/", "urn:isbn:0451450523", "mailto:a@b.c", "//example.com", "/relative",
            "https://exa mple.com", "https://example.com/\u00e4", "https://example.com/%zz", "https://example.com/a#b#c", "x:",
            "1a:b", "a:b:c", "http://a@b@c", "https://example.com/\\", "tel:+1-816-555-1212", "https://example.com:port/",
            "https://example.com/?q=[x]", "http://[2001:db8::7]/c=GB?objectClass?one", "https://example.com/a b", "HTTP://EXAMPLE.COM",
            "https://example.com:65536/", "https://[::1/", "https://example.com/%C3%A4", "a+b-c.d:x", ""],
    "uri-reference": ["", "#frag", "/a/b", "a b", "\\\\WINDOWS\\share", "#\u00e9", "//host/p", "?q", "a:b", "%zz", "https://x/%41"],
    "email": ["a@example.com", "a@b", "\"a b\"@example.com", "a..b@example.com", ".a@example.com", "a.@example.com",
              "a@[127.0.0.1]", "a@[IPv6:::1]", "\u00e9@example.com", "a@-example.com", "a@example..com", "a@ex_ample.com",
              "a(comment)@example.com", "@example.com", "a@", "a@@b", "a b@example.com", "a@example.com\n"],
    "uuid": ["123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000", "123e4567e89b12d3a456426614174000",
             "{123e4567-e89b-12d3-a456-426614174000}", "123e4567-e89b-12d3-a456-42661417400g", "00000000-0000-0000-0000-000000000000",
             "urn:uuid:123e4567-e89b-12d3-a456-426614174000", "123e4567-e89b-02d3-a456-426614174000", "123e4567-e89b-12d3-a456-4266141740"],
    "ipv4": ["192.0.2.1", "192.0.2.01", "256.0.0.1", "1.2.3", "\u0661\u0662\u0667.0.0.1", "0.0.0.0", "192.0.2.1\n", "1.2.3.4.5", "01.2.3.4"],
    "ipv6": ["::1", "2001:db8::1", "::ffff:192.0.2.1", "1::2::3", "12345::", "::1%eth0", "fe80::1%25en0", "1:2:3:4:5:6:7:8",
             "1:2:3:4:5:6:7:8:9", ":1", "1:", "::", "[::1]", "1:2:3:4:5:6:192.0.2.1", "1::192.0.2.256", "\u0661::", "::ffff:192.0.2.01"],
    "hostname": ["example.com", "-a.com", "a-.com", "a_b.com", "a" * 63 + ".com", "a" * 64 + ".com", "example.com.", "xn--bcher-kva.example",
                 "xn--x.com", "1.2.3.4", "", ".", "a..b", "\u00e9.com", "ab--c.com", "xn--.com"],
}


def audit_formats(cli, out, formats):
    """Fixed probe strings for each format the documents use, `format` asserted on both sides."""
    workdir = tempfile.mkdtemp(prefix="diff-audit-formats-")
    disagreements, compared = [], 0
    for fmt in sorted(formats):
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "format": fmt}
        validator = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)
        schema_file = os.path.join(workdir, f"{fmt}.json")
        with open(schema_file, "w") as f:
            json.dump(schema, f)
        data = os.path.join(workdir, f"{fmt}.jsonl")
        with open(data, "w") as f:
            for probe in FORMAT_PROBES[fmt]:
                f.write(json.dumps(probe) + "\n")
        proc = subprocess.run([cli, "validate", "--schema-file", schema_file, "--formats", "assert", "--format", "json",
                               "--quiet", "--color", "never", data], capture_output=True, text=True)
        if proc.returncode not in (0, 1):
            print(f"  format {fmt}: spec-check exit {proc.returncode}: {proc.stderr.strip()[:300]}", file=sys.stderr)
            continue
        results = {int(r["file"].rsplit(":", 1)[1]): r for r in map(json.loads, proc.stdout.splitlines())}
        for n, probe in enumerate(FORMAT_PROBES[fmt], 1):
            compared += 1
            theirs = validator.is_valid(probe)
            if results[n]["valid"] != theirs:
                disagreements.append({"format": fmt, "instance": probe, "spec-check": results[n],
                                      "jsonschema-rs": {"valid": theirs}})
    ddir = os.path.join(out, "disagreements", "formats")
    os.makedirs(ddir, exist_ok=True)
    for n, d in enumerate(disagreements, 1):
        with open(os.path.join(ddir, f"{n:04d}.json"), "w") as f:
            json.dump(d, f, indent=1, ensure_ascii=False)
    print(f"formats: {len(formats)} formats the documents use ({', '.join(sorted(formats))}), {compared} probe strings, "
          f"{len(disagreements)} disagreements")
    for d in disagreements:
        print(f"    {d['format']} {json.dumps(d['instance'])}: spec-check {d['spec-check']['valid']}, "
              f"jsonschema-rs {d['jsonschema-rs']['valid']}")
    return {"formats": sorted(formats), "compared": compared, "disagreements": len(disagreements)}


def collect_formats(node, found, depth=0):
    if depth > 60:
        return
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "format" and isinstance(v, str) and v in FORMAT_PROBES:
                found.add(v)
            if k not in ("enum", "const", "example", "examples", "default"):
                collect_formats(v, found, depth + 1)
    elif isinstance(node, list):
        for v in node:
            collect_formats(v, found, depth + 1)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cli", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--cap", type=int, default=150, help="component schemas per document (spread evenly over the names)")
    p.add_argument("--per-schema", type=int, default=60, help="instances per schema")
    p.add_argument("--seed", default="1")
    p.add_argument("--formats", choices=["annotate", "assert"], default="annotate",
                   help="format as an annotation on both sides (default), or asserted on both")
    p.add_argument("docs", nargs="+", help="LABEL=PATH")
    a = p.parse_args()
    global FORMATS
    FORMATS = a.formats
    summaries = []
    formats = set()
    for item in a.docs:
        label, spec = item.split("=", 1)
        start = time.time()
        multifile = label.endswith("+files")
        label = label.removesuffix("+files")
        if multifile:
            s = audit_multifile(label, spec, a.cli, a.out, a.cap, a.per_schema, a.seed)
        else:
            s = audit_document(label, spec, a.cli, a.out, a.cap, a.per_schema, a.seed)
        s["seconds"] = round(time.time() - start, 1)
        summaries.append(s)
        st = s["stats"]
        print(f"{label} ({s['dialect']}): {s['schemas']} of {s['of']} schemas, {st.get('instances', 0)} instances, "
              f"{st.get('valid (both)', 0)} valid and {st.get('invalid (both)', 0)} invalid on both sides, "
              f"{st.get('disagreements', 0)} disagreements ({s['seconds']} s)")
        for k, v in s["disagreements by keyword"].items():
            print(f"    keyword {k}: {v}")
        for k, v in s["disagreements by class"].items():
            print(f"    class {k}: {v}")
        if s["disagreements reaching OpenAPI-only keywords"]:
            print(f"    reaching OpenAPI-only keywords: {s['disagreements reaching OpenAPI-only keywords']}")
        if s["conversions"]:
            print(f"    conversions: {s['conversions']}")
        for k in ("jsonschema-rs compile failures", "spec-check failures", "jsonschema-rs runtime failures"):
            if st.get(k):
                print(f"    {k}: {st[k]}")
        if multifile:
            continue
        collect_formats(load_document(a.cli, spec).get("components", {}), formats)
        collect_formats(load_document(a.cli, spec).get("paths", {}), formats)
        patterns = set()
        collect_patterns(load_document(a.cli, spec).get("components", {}), patterns)
        collect_patterns(load_document(a.cli, spec).get("paths", {}), patterns)
        n, compared, dis = audit_patterns(label, a.cli, a.out, patterns)
        s["patterns"] = {"patterns": n, "compared": compared, "disagreements": len(dis)}
        print(f"    patterns: {n} patterns x {len(PROBES)} probe strings, {len(dis)} disagreements")
        for d in dis[:10]:
            print(f"      /{d['pattern']}/ on {json.dumps(d['instance'])}: spec-check {d['spec-check']['valid']}, "
                  f"jsonschema-rs {d['jsonschema-rs']['valid']}")
    if formats:
        summaries.append({"formats": audit_formats(a.cli, a.out, formats)})
    docs = [s for s in summaries if "stats" in s]
    unexplained = sum(s["disagreements by class"].get("unexplained", 0) for s in docs)
    print(f"all: {sum(s['stats'].get('instances', 0) for s in docs)} instances, "
          f"{sum(s['stats'].get('disagreements', 0) for s in docs)} disagreements, {unexplained} unexplained "
          f"(disagreements in {a.out}/disagreements)")
    with open(os.path.join(a.out, "summary.json"), "w") as f:
        json.dump(summaries, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
