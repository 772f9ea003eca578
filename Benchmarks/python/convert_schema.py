"""Turn an OpenAPI component schema into a standalone JSON Schema 2020-12 document for the Python
anchors (jsonschema-rs and python-jsonschema know JSON Schema, not OpenAPI's additions).

The conversion, applied to every schema position (properties, items, allOf, ... — never to the
values of enum/const/example/default, nor to property *names*):

* ``nullable: true`` (OpenAPI 3.0, still used by the seed spec inside 3.1):
  - with ``type: T``  -> ``type: [T, "null"]`` (and ``null`` appended to an ``enum`` if present);
  - without ``type`` but with ``$ref``/``allOf``/``anyOf``/``oneOf``/``enum``/``const`` ->
    ``anyOf: [<the schema without nullable>, {type: null}]``;
  - otherwise (no constraint on the type at all) -> just dropped, since null already passes.
  ``nullable: false`` is dropped.
* ``discriminator`` is dropped: the ``oneOf`` beside it stays a plain ``oneOf``. For the seed spec
  the branches are mutually exclusive (each pins ``type`` with a one-value enum), so valid/invalid
  verdicts are the same; only the error *reports* differ (spec-check reports the selected branch's
  errors, a plain oneOf reports "not valid under any of the schemas").
* ``$ref: '#/components/schemas/X'`` -> ``$ref: '#/$defs/X'``; every component schema is copied
  into ``$defs`` so references keep working.

Usage: python convert_schema.py SPEC.yaml SCHEMA_NAME OUT.json
"""
import json
import sys

import yaml

SCHEMA_MAPS = {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
SCHEMA_VALUES = {"items", "additionalProperties", "not", "if", "then", "else", "contains",
                 "propertyNames", "additionalItems", "unevaluatedProperties", "unevaluatedItems"}
SCHEMA_LISTS = {"allOf", "anyOf", "oneOf", "prefixItems"}
CONSTRAINING = {"$ref", "allOf", "anyOf", "oneOf", "enum", "const"}


def convert(schema):
    if not isinstance(schema, dict):
        return schema  # booleans
    out = {}
    for key, value in schema.items():
        if key in ("nullable", "discriminator"):
            continue
        if key == "$ref" and isinstance(value, str) and value.startswith("#/components/schemas/"):
            out[key] = "#/$defs/" + value[len("#/components/schemas/"):]
        elif key in SCHEMA_MAPS and isinstance(value, dict):
            out[key] = {name: convert(sub) for name, sub in value.items()}
        elif key in SCHEMA_VALUES:
            out[key] = [convert(s) for s in value] if isinstance(value, list) else convert(value)
        elif key in SCHEMA_LISTS and isinstance(value, list):
            out[key] = [convert(s) for s in value]
        else:
            out[key] = value
    if schema.get("nullable") is True:
        if "type" in out:
            types = out["type"] if isinstance(out["type"], list) else [out["type"]]
            out["type"] = types + (["null"] if "null" not in types else [])
            if "enum" in out and None not in out["enum"]:
                out["enum"] = list(out["enum"]) + [None]
        elif CONSTRAINING & out.keys():
            out = {"anyOf": [out, {"type": "null"}]}
    return out


def load_spec(path):
    with open(path, "rb") as f:
        return yaml.load(f, Loader=yaml.CSafeLoader)


def standalone(spec, name):
    schemas = spec["components"]["schemas"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": "#/$defs/" + name,
        "$defs": {key: convert(value) for key, value in schemas.items()},
    }


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    with open(sys.argv[3], "w") as f:
        json.dump(standalone(load_spec(sys.argv[1]), sys.argv[2]), f, indent=1)
