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
import json
import os
import random
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

    def __init__(self, doc, rng):
        self.doc = doc
        self.rng = rng

    def resolve(self, schema):
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema and isinstance(schema["$ref"], str) \
                and schema["$ref"].startswith("#/") and seen < 20:
            try:
                schema = pointer_get(self.doc, schema["$ref"])
            except (KeyError, IndexError, ValueError, TypeError):
                return {}
            seen += 1
        return schema

    def gen(self, schema, depth=0):
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


def load_document(cli, spec):
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
            kind_name(e) == "type" and isinstance(e.instance, float) and e.instance.is_integer() for e in theirs):
        # OpenAPI 3.0.4 Data Types: "both 1 and 1.0 are equivalent, and are both considered to be
        # integers"; jsonschema-rs follows draft 4, where 1.0 is not an integer.
        return "integer 1.0 in a 3.0 document (OpenAPI 3.0.4 Data Types; draft 4 differs)"
    if not mine["valid"] and not theirs and mine_kw == {"format"} and all(
            any(f'"{f}"' in e.get("error", "") for f in OAS_FORMATS) for e in mine["errors"]):
        # OpenAPI's own formats (3.0.4 Data Type Format, the Format Registry): jsonschema-rs does
        # not know them, so it lets every value pass.
        return "OpenAPI format asserted (int32/int64/float/double/byte; unknown to jsonschema-rs)"
    return "unexplained"


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
    if len(names) > cap:
        step = len(names) / cap
        names = [names[int(i * step)] for i in range(cap)]
    inline = inline_schemas(doc)[:max(10, cap // 4)]
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
            try:
                theirs = list(validator.iter_errors(inst))
            except Exception as e:  # noqa: BLE001
                stats["jsonschema-rs runtime failures"] += 1
                print(f"  {label} {name}: jsonschema-rs failed: {str(e)[:200]}", file=sys.stderr)
                continue
            their_valid = not theirs
            stats["instances"] += 1
            stats["valid (both)" if mine["valid"] and their_valid else "invalid (both)" if mine["valid"] == their_valid
                  else "disagreements"] += 1
            if mine["valid"] == their_valid:
                continue
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


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cli", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--cap", type=int, default=60, help="component schemas per document (spread evenly over the names)")
    p.add_argument("--per-schema", type=int, default=60, help="instances per schema")
    p.add_argument("--seed", default="1")
    p.add_argument("--formats", choices=["annotate", "assert"], default="annotate",
                   help="format as an annotation on both sides (default), or asserted on both")
    p.add_argument("docs", nargs="+", help="LABEL=PATH")
    a = p.parse_args()
    global FORMATS
    FORMATS = a.formats
    summaries = []
    for item in a.docs:
        label, spec = item.split("=", 1)
        start = time.time()
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
    with open(os.path.join(a.out, "summary.json"), "w") as f:
        json.dump(summaries, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
