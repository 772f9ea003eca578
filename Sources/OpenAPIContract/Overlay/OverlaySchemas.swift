// The official JSON Schemas of OpenAPI Overlay 1.0 and 1.1 documents, verbatim from
// github.com/OAI/Overlay-Specification at 5de61ebc (schemas/v1.0/schema.yaml, schemas/v1.1/schema.yaml).
// Copyright The Linux Foundation, Apache License 2.0: see ThirdPartyLicenses/OAI-Overlay-Specification-LICENSE.

/// The official schemas overlay documents are checked against before they are applied.
enum OverlaySchemas {
    /// Overlay 1.0.x.
    static let v1_0 = #"""
        $id: https://spec.openapis.org/overlay/1.0/schema/WORK-IN-PROGRESS
        $schema: https://json-schema.org/draft/2020-12/schema
        description: The description of Overlay v1.0.x documents
        type: object
        properties:
          overlay:
            type: string
            pattern: ^1\.0\.\d+$
          info:
            $ref: "#/$defs/info-object"
          extends:
            type: string
            format: uri-reference
          actions:
            type: array
            minItems: 1
            uniqueItems: true
            items:
              $ref: "#/$defs/action-object"
        required:
          - overlay
          - info
          - actions
        $ref: "#/$defs/specification-extensions"
        unevaluatedProperties: false
        $defs:
          info-object:
            type: object
            properties:
              title:
                type: string
              version:
                type: string
            required:
              - title
              - version
            $ref: "#/$defs/specification-extensions"
            unevaluatedProperties: false
          action-object:
            type: object
            properties:
              target:
                type: string
                pattern: ^\$
              description:
                type: string
              update:
                type:
                  - string
                  - boolean
                  - object
                  - array
                  - number
                  - "null"
              remove:
                type: boolean
                default: false
            required:
              - target
            $ref: "#/$defs/specification-extensions"
            unevaluatedProperties: false
          specification-extensions:
            patternProperties:
              ^x-: true
        """#

    /// Overlay 1.1.x.
    static let v1_1 = #"""
        $id: https://spec.openapis.org/overlay/1.1/schema/WORK-IN-PROGRESS
        $schema: https://json-schema.org/draft/2020-12/schema
        description: The description of Overlay v1.1.x documents
        type: object
        properties:
          overlay:
            type: string
            pattern: ^1\.1\.\d+$
          info:
            $ref: "#/$defs/info-object"
          extends:
            type: string
            format: uri-reference
          actions:
            type: array
            minItems: 1
            uniqueItems: true
            items:
              $ref: "#/$defs/action-object"
        required:
          - overlay
          - info
          - actions
        $ref: "#/$defs/specification-extensions"
        unevaluatedProperties: false
        $defs:
          info-object:
            type: object
            properties:
              title:
                type: string
              version:
                type: string
              description:
                type: string
            required:
              - title
              - version
            $ref: "#/$defs/specification-extensions"
            unevaluatedProperties: false
          action-object:
            type: object
            properties:
              target:
                type: string
                pattern: ^\$
              description:
                type: string
              update:
                type:
                  - string
                  - boolean
                  - object
                  - array
                  - number
                  - "null"
              copy:
                type: string
              remove:
                type: boolean
                default: false
            required:
              - target
            $ref: "#/$defs/specification-extensions"
            unevaluatedProperties: false
          specification-extensions:
            patternProperties:
              ^x-: true
        """#
}
