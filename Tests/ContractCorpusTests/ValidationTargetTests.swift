import ContractCorpus
import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// `ValidationTarget.response`: a status that selects no documented response is thrown once, when
/// the target is resolved; a documented response checks each body.
@Suite struct ValidationTargetTests {
    static let spec = """
        openapi: 3.1.0
        info: {title: jobs, version: '1'}
        paths:
          /jobs:
            post:
              operationId: createJob
              responses:
                '202': {description: accepted, content: {application/json: {schema: {required: [accepted]}}}}
                '204': {description: nothing}
                '409': {description: conflict, content: {application/json: {schema: {required: [conflict]}}}}
        """

    func document() throws -> OpenAPIDocument {
        try OpenAPIDocument(document: try SourceLoader.parse(Self.spec, format: .yaml, file: SourceFileID.intern("jobs.yaml")))
    }

    @Test(arguments: [
        (
            "2XX",
            "response 2XX is not documented for createJob: its codes are documented one by one (202, 204); name one (documented: 202, 204, 409)"
        ),
        ("200", "status 200 is not documented for createJob (documented: 202, 204, 409)"),
        ("default", "response default is not documented for createJob (documented: 202, 204, 409)"),
    ])
    func anUndocumentedStatusIsThrown(_ status: String, _ message: String) throws {
        let document = try document()
        do {
            _ = try ValidationTarget.response(document, operation: "createJob", status: status, contentType: "application/json")
            Issue.record("\(status) resolved to a target")
        } catch let error as ContractError {
            #expect(error.kind == .undocumentedStatus)
            #expect(error.message == message)
        }
    }

    func json(_ text: String) throws -> JSONValue {
        try SourceLoader.parse(text, format: .json, file: SourceFileID.intern("body.json"))
    }

    @Test func documentedResponsesCheckEachBody() throws {
        let document = try document()
        let accepted = try ValidationTarget.response(document, operation: "createJob", status: "202", contentType: "application/json")
        #expect(try accepted.validate(json(#"{"accepted": true}"#)).isValid)
        #expect(try accepted.validate(json("{}")).errors.map(\.code) == ["required"])
        // A documented response without a body: every body is an error of its own, not a thrown one.
        let empty = try ValidationTarget.response(document, operation: "createJob", status: "204", contentType: "application/json")
        #expect(try empty.validate(json("{}")).errors.map(\.code) == ["body.undocumented"])
        #expect(try empty.isValid(json("{}")) == false)
    }

    /// A content type that selects no documented media type is thrown, naming the documented ones,
    /// on both sides; a response without a body checks each instance instead.
    @Test func anUndocumentedContentTypeIsThrownOnBothSides() throws {
        let spec = """
            openapi: 3.1.0
            info: {title: jobs, version: '1'}
            paths:
              /jobs:
                post:
                  operationId: createJob
                  requestBody: {content: {application/json: {schema: {required: [name]}}, text/csv: {}}}
                  responses:
                    '202': {description: accepted, content: {application/json: {schema: {required: [accepted]}}}}
            """
        let document = try OpenAPIDocument(document: try SourceLoader.parse(spec, format: .yaml, file: SourceFileID.intern("jobs.yaml")))
        let targets: [(String, () throws -> ValidationTarget)] = [
            (
                "content type text/plain is not documented for the request of createJob (documented: application/json, text/csv)",
                { try ValidationTarget.request(document, operation: "createJob", contentType: "text/plain") }
            ),
            (
                "content type text/plain is not documented for response 202 of createJob (documented: application/json)",
                { try ValidationTarget.response(document, operation: "createJob", status: "202", contentType: "text/plain") }
            ),
        ]
        for (message, resolve) in targets {
            do {
                _ = try resolve()
                Issue.record("resolved to a target: \(message)")
            } catch let error as ContractError {
                #expect(error.kind == .undocumentedContentType)
                #expect(error.message == message)
            }
        }
        // A media type without a schema accepts any body.
        let csv = try ValidationTarget.request(document, operation: "createJob", contentType: "text/csv")
        #expect(try csv.validate(json(#""a,b""#)).isValid)
    }

    /// A content type other than the default asked of a body that is not documented at all has
    /// nothing to select (`body.undocumented`), for the command line and corpus groups alike; the
    /// default selects nothing either and resolves (each instance is then a body not documented).
    @Test func aContentTypeWhereNoBodyIsDocumentedIsThrown() throws {
        let document = try document()
        let resolve = { (contentType: String) throws -> ValidationTarget in
            try ValidationTarget.response(document, operation: "createJob", status: "204", contentType: contentType)
        }
        do {
            _ = try resolve("text/plain")
            Issue.record("resolved to a target")
        } catch let error as ContractError {
            #expect(error.kind == .undocumentedBody, "\(error)")
            #expect(error.message == "the 204 response of createJob documents no body, so content type text/plain has nothing to select")
        }
        let target = try resolve("application/json; charset=utf-8")
        #expect(try target.validateAbsent?().isValid == true)
        #expect(try target.validate(.object([:])).isValid == false)
    }
}
