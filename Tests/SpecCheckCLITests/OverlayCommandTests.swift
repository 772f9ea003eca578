import Foundation
import Testing

/// `spec-check overlay`, and `--overlay` / manifest `overlays:` in validate and corpus.
@Suite("spec-check overlay", .serialized)
struct OverlayCommandTests {
    /// A temporary directory with the given files; removed after `body`.
    static func withFiles(_ files: [String: String], _ body: (URL) throws -> Void) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try body(dir)
    }

    /// An overlay that changes nothing and warns about nothing.
    static let noop = "overlay: 1.0.0\ninfo: {title: no-op, version: '1'}\nactions:\n  - target: $\n    update: {}\n"

    static let spec = """
        openapi: 3.1.0
        info:
          title: Ordered
          version: '1'
        x-zeta: last-alphabetically-first-in-file
        paths:
          /b: {get: {responses: {'200': {description: ok}}}}
          /a: {get: {responses: {'200': {description: ok}}}}
        components: {}

        """

    static let overlay = """
        overlay: 1.1.0
        info: {title: fixes, version: '1'}
        actions:
          - target: $.info
            update: {x-added: true, description: "yes"}
          - target: $.paths['/b']
            remove: true
          - target: $.paths['/a'].get
            update: {summary: '16:9'}

        """

    @Test func printsTheResultingDocumentInOrder() throws {
        try Self.withFiles(["spec.yaml": Self.spec, "fix.overlay.yaml": Self.overlay]) { dir in
            let out = try CLI.run([
                "overlay", "--spec", dir.appendingPathComponent("spec.yaml").path, "--overlay",
                dir.appendingPathComponent("fix.overlay.yaml").path,
            ])
            #expect(out.status == 0, "\(out)")
            #expect(out.stderr.isEmpty, "\(out)")
            #expect(
                out.stdout == """
                    openapi: "3.1.0"
                    info:
                      title: Ordered
                      version: "1"
                      x-added: true
                      description: "yes"
                    x-zeta: last-alphabetically-first-in-file
                    paths:
                      /a:
                        get:
                          responses:
                            "200":
                              description: ok
                          summary: "16:9"
                    components: {}

                    """, "\(out)")
        }
    }

    @Test func formatJSON() throws {
        try Self.withFiles([
            "spec.yaml": Self.spec, "fix.overlay.yaml": Self.overlay,
            "spec.json": #"{"openapi":"3.1.0","info":{"title":"j","version":"1"},"n":1e400}"#,
        ]) { dir in
            let out = try CLI.run([
                "overlay", "--spec", dir.appendingPathComponent("spec.yaml").path, "--overlay",
                dir.appendingPathComponent("fix.overlay.yaml").path, "--format", "json",
            ])
            #expect(out.status == 0, "\(out)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
            #expect((object["info"] as? [String: Any])?["x-added"] as? Bool == true)
            #expect((object["paths"] as? [String: Any])?.keys.sorted() == ["/a"])
            #expect(out.stdout.hasPrefix("{\n  \"openapi\": \"3.1.0\",\n  \"info\": {"), "\(out.stdout.prefix(80))")
            // A JSON spec prints as JSON by default, numbers exactly as written; --format yaml overrides.
            let json = try CLI.run([
                "overlay", "--spec", dir.appendingPathComponent("spec.json").path, "--overlay",
                dir.appendingPathComponent("fix.overlay.yaml").path,
            ])
            #expect(json.status == 0 && json.stdout.hasPrefix("{"), "\(json)")
            #expect(json.stdout.contains("1e400") || json.stdout.contains("1E+400") || json.stdout.contains("1e+400"), "\(json)")
            let yaml = try CLI.run([
                "overlay", "--spec", dir.appendingPathComponent("spec.json").path, "--overlay",
                dir.appendingPathComponent("fix.overlay.yaml").path, "--format", "yaml",
            ])
            #expect(yaml.status == 0 && yaml.stdout.hasPrefix("openapi: \"3.1.0\"\n"), "\(yaml)")
            let bad = try CLI.run([
                "overlay", "--spec", dir.appendingPathComponent("spec.yaml").path, "--overlay",
                dir.appendingPathComponent("fix.overlay.yaml").path, "--format", "toml",
            ])
            #expect(bad.status == 2 && bad.stdout.isEmpty, "\(bad)")
        }
    }

    /// YAML output read back gives the same tree in the same order: the JSON rendering of the
    /// document and of its YAML rendering are byte-identical.
    @Test func yamlOutputRoundTrips() throws {
        try Self.roundTrip("specs/openrouter-videos.yaml")
    }

    static let openAISpec = "../shared/testdata/specs/openai/openapi.yaml"

    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: CLI.repositoryRoot.appendingPathComponent(openAISpec).path),
            "../shared/testdata/specs/openai is absent on this machine"))
    func yamlOutputRoundTripsOnTheOpenAISpec() throws {
        try Self.roundTrip(Self.openAISpec)
    }

    static func roundTrip(_ relative: String) throws {
        let spec = CLI.repositoryRoot.appendingPathComponent(relative).standardizedFileURL.path
        try Self.withFiles(["noop.overlay.yaml": Self.noop]) { dir in
            let noop = dir.appendingPathComponent("noop.overlay.yaml").path
            let yamlPath = dir.appendingPathComponent("out.yaml").path
            let write = try CLI.run(["overlay", "--spec", spec, "--overlay", noop, "--output", yamlPath])
            #expect(write.status == 0 && write.stdout.isEmpty && write.stderr.isEmpty, "\(write)")
            let direct = try CLI.run(["overlay", "--spec", spec, "--overlay", noop, "--format", "json"])
            let again = try CLI.run(["overlay", "--spec", yamlPath, "--overlay", noop, "--format", "json"])
            #expect(direct.status == 0 && again.status == 0)
            #expect(direct.stdout.count > 1000)
            #expect(direct.stdout == again.stdout, "YAML output of \(relative) does not read back to the same document")
            // Writing the re-read document again is a fixed point.
            let second = try CLI.run(["overlay", "--spec", yamlPath, "--overlay", noop])
            #expect(second.stdout == (try String(contentsOfFile: yamlPath, encoding: .utf8)))
        }
    }

    @Test func worksOnDocumentsThatAreNotOpenAPI() throws {
        let asyncapi =
            "asyncapi: 3.0.0\ninfo: {title: events, version: '1'}\nchannels:\n  orders: {address: orders.v1}\n  users: {address: users.v1}\n"
        let config = "server:\n  port: 8080\n  hosts: [a.internal, b.internal]\nfeatures:\n  - name: search\n    enabled: false\n"
        let asyncOverlay =
            "overlay: 1.0.0\ninfo: {title: a, version: '1'}\nactions:\n  - target: $.channels.*\n    update: {x-owner: platform}\n"
        let configOverlay =
            "overlay: 1.0.0\ninfo: {title: c, version: '1'}\nactions:\n  - target: $.features[?@.name == 'search']\n    update: {enabled: true}\n  - target: $.server.hosts\n    update: c.internal\n"
        try Self.withFiles(["asyncapi.yaml": asyncapi, "config.yaml": config, "a.yaml": asyncOverlay, "c.yaml": configOverlay]) { dir in
            let a = try CLI.run([
                "overlay", "--spec", dir.appendingPathComponent("asyncapi.yaml").path, "--overlay",
                dir.appendingPathComponent("a.yaml").path,
            ])
            #expect(a.status == 0, "\(a)")
            #expect(
                a.stdout
                    == "asyncapi: \"3.0.0\"\ninfo:\n  title: events\n  version: \"1\"\nchannels:\n  orders:\n    address: orders.v1\n    x-owner: platform\n  users:\n    address: users.v1\n    x-owner: platform\n",
                "\(a)")
            let c = try CLI.run([
                "overlay", "--spec", dir.appendingPathComponent("config.yaml").path, "--overlay", dir.appendingPathComponent("c.yaml").path,
            ])
            #expect(c.status == 0, "\(c)")
            #expect(
                c.stdout
                    == "server:\n  port: 8080\n  hosts:\n  - a.internal\n  - b.internal\n  - c.internal\nfeatures:\n- name: search\n  enabled: true\n",
                "\(c)")
        }
    }

    @Test func overlaysApplyInTheOrderGiven() throws {
        let first = "overlay: 1.0.0\ninfo: {title: first, version: '1'}\nactions:\n  - target: $\n    update: {added: {}}\n"
        let second = "overlay: 1.0.0\ninfo: {title: second, version: '1'}\nactions:\n  - target: $.added\n    update: {by: second}\n"
        try Self.withFiles(["doc.yaml": "k: v\n", "1.yaml": first, "2.yaml": second]) { dir in
            let p = { dir.appendingPathComponent($0).path }
            let inOrder = try CLI.run(["overlay", "--spec", p("doc.yaml"), "--overlay", p("1.yaml"), "--overlay", p("2.yaml")])
            #expect(inOrder.status == 0 && inOrder.stderr.isEmpty, "\(inOrder)")
            #expect(inOrder.stdout == "k: v\nadded:\n  by: second\n")
            let reversed = try CLI.run(["overlay", "--spec", p("doc.yaml"), "--overlay", p("2.yaml"), "--overlay", p("1.yaml")])
            #expect(reversed.status == 0)
            #expect(reversed.stdout == "k: v\nadded: {}\n")
            #expect(reversed.stderr == "\(p("2.yaml")):4:5: warning: action 1 (target \"$.added\") selects nothing\n", "\(reversed)")
        }
    }

    @Test func warningsGoToStandardErrorWithExitZero() throws {
        let overlay =
            "overlay: 1.0.0\ninfo: {title: w, version: '1'}\nactions:\n  - target: $.info\n    update: {x-a: 1}\n  - target: $.components.schemas.Nope\n    description: stale fix\n    remove: true\n"
        try Self.withFiles(["w.overlay.yaml": overlay]) { dir in
            let path = dir.appendingPathComponent("w.overlay.yaml").path
            let out = try CLI.run(["overlay", "--spec", CLI.spec, "--overlay", path])
            #expect(out.status == 0, "\(out)")
            #expect(out.stderr == "\(path):6:5: warning: action 2 (\"stale fix\") selects nothing\n", "\(out)")
            #expect(out.stdout.hasPrefix("openapi: "))
            #expect(out.stdout.contains("  x-a: 1\n"))
        }
    }

    @Test(arguments: [
        // (overlay text, what stderr must contain)
        ("overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info[\n", ":4:13: invalid target"),
        (
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: info\n",
            ":4:13: not a valid Overlay 1.0.0 document at /actions/0/target"
        ),
        ("overlay: 1.0.0\ninfo: {title: t}\nactions:\n  - target: $\n", ":2:7: not a valid Overlay 1.0.0 document at /info"),
        (
            "overlay: 1.1.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n    copy: $.nothing\n",
            ":5:11: action 1 (target \"$.info\"): copy \"$.nothing\" must select exactly one node, it selects 0"
        ),
        (
            "overlay: 1.1.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n    update: {title: [x]}\n",
            ":5:21: cannot merge array into string"
        ),
        ("openapi: 3.1.0\ninfo: {title: t, version: '1'}\n", "not an overlay document"),
        ("overlay: 1.0.0\ninfo: [unclosed\n", "error: "),
    ])
    func invalidOverlayExitsTwo(_ text: String, _ expected: String) throws {
        try Self.withFiles(["bad.overlay.yaml": text]) { dir in
            let path = dir.appendingPathComponent("bad.overlay.yaml").path
            let out = try CLI.run(["overlay", "--spec", CLI.spec, "--overlay", path])
            #expect(out.status == 2, "\(out)")
            #expect(out.stdout.isEmpty, "nothing is printed when an overlay fails")
            #expect(out.stderr.contains(path), "\(out)")
            #expect(out.stderr.contains(expected), "\(out)")
        }
    }

    @Test func usageErrorsExitTwo() throws {
        let noOverlay = try CLI.run(["overlay", "--spec", CLI.spec])
        #expect(noOverlay.status == 2 && noOverlay.stderr.contains("--overlay"), "\(noOverlay)")
        let missing = try CLI.run(["overlay", "--spec", "specs/nope.yaml", "--overlay", CLI.overlay])
        #expect(missing.status == 2 && missing.stderr.contains("specs/nope.yaml"), "\(missing)")
        let missingOverlay = try CLI.run(["overlay", "--spec", CLI.spec, "--overlay", "nope.overlay.yaml"])
        #expect(missingOverlay.status == 2 && missingOverlay.stderr.contains("nope.overlay.yaml"), "\(missingOverlay)")
    }

    @Test func outputIsWrittenAtomicallyAndInputsAreNeverTouched() throws {
        try Self.withFiles(["spec.yaml": Self.spec, "fix.overlay.yaml": Self.overlay, "out/result.yaml": "old content\n"]) { dir in
            let spec = dir.appendingPathComponent("spec.yaml").path
            let overlay = dir.appendingPathComponent("fix.overlay.yaml").path
            let output = dir.appendingPathComponent("out/result.yaml").path
            let inputs = try Self.fingerprints([spec, overlay])
            let inodeBefore = try FileManager.default.attributesOfItem(atPath: output)[.systemFileNumber] as? Int
            let out = try CLI.run(["overlay", "--spec", spec, "--overlay", overlay, "--output", output])
            #expect(out.status == 0 && out.stdout.isEmpty && out.stderr.isEmpty, "\(out)")
            let printed = try CLI.run(["overlay", "--spec", spec, "--overlay", overlay])
            #expect(try String(contentsOfFile: output, encoding: .utf8) == printed.stdout)
            // Replaced by a rename, not rewritten in place; no temporary file is left behind.
            let inodeAfter = try FileManager.default.attributesOfItem(atPath: output)[.systemFileNumber] as? Int
            #expect(inodeBefore != nil && inodeBefore != inodeAfter)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path) == ["result.yaml"])
            #expect(try Self.fingerprints([spec, overlay]) == inputs)

            // --output naming an input, however spelled, is refused before anything is written.
            let aliases = [spec, overlay, dir.appendingPathComponent("out/../spec.yaml").path, dir.path + "/./fix.overlay.yaml"]
            for alias in aliases {
                let refused = try CLI.run(["overlay", "--spec", spec, "--overlay", overlay, "--output", alias])
                #expect(refused.status == 2, "\(alias): \(refused)")
                #expect(refused.stderr.contains("inputs"), "\(refused)")
                #expect(refused.stdout.isEmpty)
            }
            #expect(try Self.fingerprints([spec, overlay]) == inputs)

            // An unwritable destination: exit 2, inputs intact.
            let unwritable = try CLI.run([
                "overlay", "--spec", spec, "--overlay", overlay, "--output", dir.appendingPathComponent("no/such/dir/out.yaml").path,
            ])
            #expect(unwritable.status == 2 && unwritable.stderr.contains("cannot be written"), "\(unwritable)")
            #expect(try Self.fingerprints([spec, overlay]) == inputs)
        }
    }

    @Test func outputThroughASymlinkToAnInputIsRefused() throws {
        try Self.withFiles(["spec.yaml": Self.spec, "fix.overlay.yaml": Self.overlay]) { dir in
            let spec = dir.appendingPathComponent("spec.yaml").path
            let link = dir.appendingPathComponent("link.yaml").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: spec)
            let before = try Self.fingerprints([spec])
            let out = try CLI.run([
                "overlay", "--spec", spec, "--overlay", dir.appendingPathComponent("fix.overlay.yaml").path, "--output", link,
            ])
            #expect(out.status == 2, "\(out)")
            #expect(try Self.fingerprints([spec]) == before)
        }
    }

    static let promptLimit = """
        overlay: 1.0.0
        info: {title: short prompts, version: '1'}
        actions:
          - target: $.components.schemas.VideoGenerationRequest.properties.prompt
            update:
              maxLength: 3
          - target: $.components.schemas.NoLongerThere
            update: {x-a: 1}

        """

    @Test func validateReportsOverlayKeywordsAtTheOverlay() throws {
        try Self.withFiles(["limit.overlay.yaml": Self.promptLimit, "long.json": #"{"prompt":"long","model":"m"}"#]) { dir in
            let overlay = dir.appendingPathComponent("limit.overlay.yaml").path
            let instance = dir.appendingPathComponent("long.json").path
            let out = try CLI.run(["validate", "--spec", CLI.spec, "--overlay", overlay, "--request", "createVideos", instance])
            #expect(out.status == 1, "\(out)")
            #expect(out.stdout.contains("\(instance): /prompt: "), "\(out)")
            #expect(out.stdout.contains("(\(overlay):6:7)"), "\(out)")
            #expect(out.stderr.contains("\(overlay):7:5: warning: action 2"), "\(out)")
            // Several overlays, in order: the seed's own overlay still applies.
            let both = try CLI.run([
                "validate", "--spec", CLI.spec, "--overlay", CLI.overlay, "--overlay", overlay, "--request", "createVideos", "--format",
                "json", instance,
            ])
            #expect(both.status == 1)
            #expect(both.stdout.contains(#""source":"\#(overlay):6:7""#), "\(both)")
            let without = try CLI.run(["validate", "--spec", CLI.spec, "--request", "createVideos", instance])
            #expect(without.status == 0, "\(without)")
            let broken = try CLI.run([
                "validate", "--spec", CLI.spec, "--overlay", dir.appendingPathComponent("long.json").path, "--request", "createVideos",
                instance,
            ])
            #expect(broken.status == 2, "\(broken)")
        }
    }

    /// A corpus whose manifest names overlays top-level (`overlays:`) and per group; the overlays
    /// live next to the corpus, as the shipped Corpus/ keeps its overlay in ../specs.
    static func corpusFiles(overlayDirectory: String) throws -> [String: String] {
        let spec = CLI.repositoryRoot.appendingPathComponent(CLI.spec).path
        let prefix = overlayDirectory.isEmpty ? "" : overlayDirectory + "/"
        let manifest = """
            spec: \(spec)
            overlays:
              - \(prefix)limit.overlay.yaml
            groups:
              - name: with the top-level overlay
                target: {request: createVideos}
                invalid:
                  limited/long.json: ["/prompt"]
              - name: overlays switched off
                overlays: []
                target: {request: createVideos}
                valid: [plain/*.json]
              - name: its own overlay instead of the top-level one
                overlays: [\(prefix)https.overlay.yaml]
                target: {request: createVideos}
                invalid:
                  https/http-callback.json: ["/callback_url"]
            """
        let https = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent(CLI.overlay), encoding: .utf8)
        let overlays = overlayDirectory.isEmpty ? "corpus/" : "corpus/\(overlayDirectory)/"
        return [
            "corpus/spec-check.yaml": manifest, overlays + "limit.overlay.yaml": promptLimit, overlays + "https.overlay.yaml": https,
            "corpus/limited/long.json": #"{"prompt":"long","model":"m"}"#,
            "corpus/plain/long.json": #"{"prompt":"long","model":"m","callback_url":"http://x.example"}"#,
            // Short prompt: with the top-level overlay as well, it would fail at /prompt too.
            "corpus/https/http-callback.json": #"{"prompt":"ok","model":"m","callback_url":"http://x.example"}"#,
        ]
    }

    @Test func corpusManifestOverlaysTopLevelAndPerGroup() throws {
        try Self.withFiles(try Self.corpusFiles(overlayDirectory: "../overlays")) { dir in
            let out = try CLI.run(["corpus", dir.appendingPathComponent("corpus").path])
            #expect(out.status == 0, "\(out)")
            #expect(out.lines.last == "corpus: 3 passed, 0 failed", "\(out)")
            #expect(out.stdout.contains("ok   https/http-callback.json invalid at /callback_url"), "\(out)")
            #expect(out.stderr.contains("limit.overlay.yaml:7:5: warning: action 2"), "\(out)")
            // A long prompt in the per-group fixture passes too: the group's list replaces the top-level one.
            try #"{"prompt":"far too long","model":"m","callback_url":"http://x.example"}"#
                .write(to: dir.appendingPathComponent("corpus/https/http-callback.json"), atomically: true, encoding: .utf8)
            #expect(try CLI.run(["corpus", dir.appendingPathComponent("corpus").path]).status == 0)
            // And the top-level overlay is really applied: a long prompt under it no longer fails.
            try #"{"prompt":"ok","model":"m"}"#.write(
                to: dir.appendingPathComponent("corpus/limited/long.json"), atomically: true, encoding: .utf8)
            let broken = try CLI.run(["corpus", dir.appendingPathComponent("corpus").path])
            #expect(broken.status == 1 && broken.stdout.contains("FAIL limited/long.json"), "\(broken)")
        }
    }

    @Test func overlaysInsideTheCorpusAreNotFixtures() throws {
        try Self.withFiles(try Self.corpusFiles(overlayDirectory: "")) { dir in
            let out = try CLI.run(["corpus", dir.appendingPathComponent("corpus").path])
            #expect(out.status == 0, "\(out)")
            #expect(!out.stdout.contains("not covered"), "\(out)")
        }
    }

    /// File contents and modification dates, for before/after comparisons.
    static func fingerprints(_ paths: [String]) throws -> [String] {
        try paths.map { path in
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let date = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
            return "\(path) \(data.base64EncodedString()) \(String(describing: date?.timeIntervalSince1970))"
        }
    }
}
