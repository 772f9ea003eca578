/// The contract the exchange target checks requests and responses against: one operation per
/// family of inputs a server reads from the network (path, query and header styles, cookies,
/// credentials, form, multipart and sequential bodies), OpenAPI 3.2 so that `querystring`,
/// `style: cookie`, `prefixEncoding` and `itemSchema` are in reach.
let exchangeContract = """
    openapi: 3.2.0
    info: {title: exchange fuzzing, version: '1'}
    servers: [{url: 'https://api.example.com/v1'}]
    components:
      securitySchemes:
        key: {type: apiKey, in: header, name: X-Api-Key}
        queryKey: {type: apiKey, in: query, name: api_key}
        cookieKey: {type: apiKey, in: cookie, name: session}
        basic: {type: http, scheme: basic}
        bearer: {type: http, scheme: bearer}
      schemas:
        Item:
          type: object
          required: [id, name]
          properties:
            id: {type: integer, minimum: 1}
            name: {type: string, maxLength: 40, pattern: '^[a-z]+( [a-z]+)*$'}
            tags: {type: array, items: {type: string, enum: [red, green, blue]}, uniqueItems: true}
            price: {type: number, multipleOf: 0.01, exclusiveMinimum: 0}
            when: {type: string, format: date-time}
            kind: {type: string, enum: [a, b]}
          discriminator: {propertyName: kind}
          additionalProperties: false
    security: [{key: []}, {queryKey: []}, {cookieKey: []}, {basic: []}, {bearer: []}]
    paths:
      /items/{id}:
        parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
        get:
          operationId: getItem
          parameters:
          - {name: tags, in: query, schema: {type: array, items: {type: string}}, style: form, explode: false}
          - {name: pipes, in: query, schema: {type: array, items: {type: integer}}, style: pipeDelimited}
          - {name: spaces, in: query, schema: {type: array, items: {type: number}}, style: spaceDelimited}
          - {name: filter, in: query, schema: {type: object, properties: {x: {type: integer}}, additionalProperties: {type: string}}, style: deepObject}
          - {name: X-Trace, in: header, schema: {type: array, items: {type: string, format: uuid}}}
          - {name: X-Flags, in: header, schema: {type: object, properties: {a: {type: boolean}}}, explode: true}
          - {name: pref, in: cookie, schema: {type: object, properties: {theme: {type: string}}}, style: form, explode: false}
          - {name: json, in: query, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
          responses:
            '200':
              description: the item
              headers:
                X-Rate-Limit: {required: true, schema: {type: integer, minimum: 0}}
                Set-Cookie: {schema: {type: string}}
              content:
                application/json: {schema: {$ref: '#/components/schemas/Item'}}
                text/plain: {schema: {type: string, maxLength: 10}}
            4XX: {description: client error, content: {application/problem+json: {schema: {type: object, required: [title]}}}}
        put:
          operationId: putItem
          parameters:
          - {name: label, in: path, required: true, schema: {type: string}}
          requestBody:
            required: true
            content:
              application/json: {schema: {$ref: '#/components/schemas/Item'}}
              application/x-www-form-urlencoded:
                schema: {$ref: '#/components/schemas/Item'}
                encoding:
                  tags: {style: pipeDelimited, explode: false}
                  id: {contentType: text/plain}
          responses: {'204': {description: stored}}
      /matrix/{m}/label/{l}:
        get:
          operationId: styles
          parameters:
          - {name: m, in: path, required: true, schema: {type: object, properties: {r: {type: integer}}}, style: matrix, explode: true}
          - {name: l, in: path, required: true, schema: {type: array, items: {type: integer}}, style: label}
          responses: {'200': {description: ok}}
      /search:
        query:
          operationId: searchQuery
          parameters:
          - name: q
            in: querystring
            content:
              application/x-www-form-urlencoded:
                schema: {type: object, properties: {term: {type: string}, page: {type: integer}}, required: [term]}
          - {name: c, in: cookie, style: cookie, schema: {type: array, items: {type: integer}}}
          requestBody:
            content:
              application/jsonl: {itemSchema: {$ref: '#/components/schemas/Item'}}
              application/json-seq: {itemSchema: {type: integer}}
              text/event-stream:
                itemSchema:
                  type: object
                  properties: {data: {type: string, contentMediaType: application/json, contentSchema: {type: object}}, event: {const: tick}}
          responses:
            '200':
              description: results
              content:
                text/event-stream: {itemSchema: {type: object, required: [data]}}
      /upload:
        post:
          operationId: upload
          requestBody:
            content:
              multipart/form-data:
                schema:
                  type: object
                  required: [meta]
                  properties:
                    meta: {$ref: '#/components/schemas/Item'}
                    file: {type: string, contentEncoding: base64}
                    count: {type: integer}
                    colors: {type: array, items: {type: string}}
                encoding:
                  file:
                    contentType: image/png, image/jpeg
                    headers: {X-Checksum: {required: true, schema: {type: string, pattern: '^[0-9a-f]{8}$'}}}
                  colors: {style: form, explode: false}
              multipart/mixed:
                schema:
                  type: array
                  prefixItems:
                  - {$ref: '#/components/schemas/Item'}
                  - type: array
                    prefixItems: [{type: object}, {type: string, maxLength: 5}, {}]
                  items: {type: integer}
                prefixEncoding:
                - {}
                - contentType: multipart/mixed
                  prefixEncoding: [{}, {}, {contentType: image/png}]
                itemEncoding: {headers: {Content-ID: {schema: false}}}
              text/plain: {schema: {type: string, minLength: 1}}
          responses:
            '201':
              description: created
              headers:
                Location: {required: true, schema: {type: string, format: uri-reference}}
              content:
                multipart/related; type=application/json:
                  itemSchema: {type: object}
    """
