// The official JSON Schemas of OpenAPI 3.0, 3.1 and 3.2 documents, verbatim from
// github.com/OAI/OpenAPI-Specification:
// - 3.0: main 46c1076b, _archive_/schemas/v3.0/schema.yaml (draft 4);
// - 3.1: branch v3.1-dev 76fa096c, src/schemas/validation/schema.yaml (2020-12, without Schema
//   Object validation);
// - 3.2: branch v3.2-dev b74769cf (2026-08-21), src/schemas/validation/schema.yaml (likewise).
// Copyright The Linux Foundation, Apache License 2.0: see ThirdPartyLicenses/OAI-OpenAPI-Specification-LICENSE.

/// The official schemas `oas-schema` checks documents against, by OpenAPI version line.
enum OpenAPISchemas {
}
