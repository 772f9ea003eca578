import SchemaValidation
import SpecSource

/// The HTML form of a ``CoverageReport``: one self-contained page.
extension CoverageReport {
    /// One HTML page with no external assets and no script: a summary table of the totals per
    /// dimension (each row carries `data-dimension`, `data-covered`, `data-total` and
    /// `data-percent`), a list of links to the operations, and per operation its statuses,
    /// media types and each body's schema tree, every countable part marked covered (✓) or not
    /// (✗) in text, not by colour alone. All document text is escaped (``SpecSource/XMLText``).
    /// - Parameter title: The page's title and first heading.
    public func html(title: String = "spec-check corpus coverage") -> String {
        var page = HTMLPage()
        page.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        page.raw("<title>\(XMLText.escape(title))</title>\n<style>\(Self.css)</style>\n</head>\n<body>\n<main>\n")
        page.raw("<h1>\(XMLText.escape(title))</h1>\n")
        page.raw("<p>Fixtures are counted by their expectation: <em>valid</em> and <em>invalid</em>. ")
        page.raw("<span class=\"yes\">✓ covered</span>, <span class=\"no\">✗ not covered</span>.</p>\n")
        summary(&page)
        for note in notes { page.raw("<p class=\"note\">Note: \(XMLText.escape(note))</p>\n") }
        page.raw("<nav aria-labelledby=\"ops-heading\">\n<h2 id=\"ops-heading\">Operations</h2>\n<ul>\n")
        for (c, contract) in contracts.enumerated() {
            for op in contract.operations {
                let mark = op.counts.total > 0 ? "<span class=\"yes\">✓</span>" : "<span class=\"no\">✗</span>"
                page.raw(
                    "<li>\(mark) <a href=\"#\(Self.anchor(c, op.name))\"><code>\(XMLText.escape(op.method)) \(XMLText.escape(op.path))</code> "
                )
                page.raw("\(XMLText.escape(op.name))</a></li>\n")
            }
        }
        page.raw("</ul>\n</nav>\n")
        for (c, contract) in contracts.enumerated() {
            page.raw(
                "<section aria-labelledby=\"contract-\(c)\">\n<h2 id=\"contract-\(c)\">Contract <code>\(XMLText.escape(contract.spec))</code></h2>\n"
            )
            if !contract.overlays.isEmpty {
                page.raw("<p>Overlays: \(contract.overlays.map { "<code>\(XMLText.escape($0))</code>" }.joined(separator: ", "))</p>\n")
            }
            page.shown = [:]  // locations are per document
            for op in contract.operations { operation(op, in: contract, index: c, &page) }
            for root in contract.namedSchemas {
                page.raw("<section>\n<h3>Schema <code>\(XMLText.escape(root))</code></h3>\n")
                tree(root, in: contract, depth: 0, &page)
                page.raw("</section>\n")
            }
            page.raw("</section>\n")
        }
        page.raw("</main>\n</body>\n</html>\n")
        return page.text
    }

    private func summary(_ page: inout HTMLPage) {
        page.raw("<section aria-labelledby=\"summary-heading\">\n<h2 id=\"summary-heading\">Summary</h2>\n<div class=\"scroll\">\n")
        page.raw("<table id=\"totals\">\n<caption>Covered items per dimension, over every contract</caption>\n")
        page.raw(
            "<thead><tr><th scope=\"col\">Dimension</th><th scope=\"col\">Covered</th><th scope=\"col\">Total</th><th scope=\"col\">Percent</th></tr></thead>\n<tbody>\n"
        )
        for d in CoverageDimension.allCases {
            let t = total(d)
            let full = t.covered == t.total
            page.raw(
                "<tr data-dimension=\"\(d.rawValue)\" data-covered=\"\(t.covered)\" data-total=\"\(t.total)\" data-percent=\"\(t.percentText)\">"
            )
            page.raw("<th scope=\"row\">\(XMLText.escape(d.title))</th><td>\(t.covered)</td><td>\(t.total)</td>")
            page.raw(
                "<td class=\"\(full ? "yes" : "no") num\">\(full ? "✓" : "✗") \(t.percentText == "n/a" ? "n/a" : t.percentText + "&nbsp;%")</td></tr>\n"
            )
        }
        page.raw("</tbody>\n</table>\n</div>\n</section>\n")
    }

    private func operation(_ op: OperationCoverage, in contract: Contract, index: Int, _ page: inout HTMLPage) {
        page.raw("<section id=\"\(Self.anchor(index, op.name))\" aria-labelledby=\"h-\(Self.anchor(index, op.name))\">\n")
        page.raw(
            "<h3 id=\"h-\(Self.anchor(index, op.name))\"><code>\(XMLText.escape(op.method)) \(XMLText.escape(op.path))</code> \(XMLText.escape(op.name))</h3>\n"
        )
        page.raw("<p>\(Self.mark(op.counts.total > 0)) reached by \(Self.fixtures(op.counts)).</p>\n")
        let items = contract.items.filter { $0.operation == op.name && $0.dimension != .operations }
        if !items.isEmpty {
            page.raw("<div class=\"scroll\"><table>\n<caption>Statuses and media types of \(XMLText.escape(op.name))</caption>\n")
            page.raw(
                "<thead><tr><th scope=\"col\">Kind</th><th scope=\"col\">Item</th><th scope=\"col\">Covered</th><th scope=\"col\">Fixtures</th></tr></thead>\n<tbody>\n"
            )
            for item in items {
                page.raw(
                    "<tr><td>\(item.dimension == .statusCodes ? "status" : "media type")</td><th scope=\"row\"><code>\(XMLText.escape(item.label))</code></th>"
                )
                page.raw("<td>\(Self.mark(item.covered))</td><td>\(Self.fixtures(item.counts))</td></tr>\n")
            }
            page.raw("</tbody>\n</table></div>\n")
        }
        for body in op.bodies {
            page.raw("<h4>\(XMLText.escape(body.place)) <code>\(XMLText.escape(body.mediaType))</code></h4>\n")
            guard let root = body.schema else {
                page.raw("<p>No schema.</p>\n")
                continue
            }
            page.raw("<p>Schema <code>\(XMLText.escape(root))</code></p>\n")
            tree(root, in: contract, depth: 0, &page)
        }
        page.raw("</section>\n")
    }

    /// What a schema object declares, as a nested list (nothing for a schema that declares
    /// nothing countable). Each schema is shown once per page, where it is first reached; later
    /// places link to it, so the page grows with the schemas, not with the operations using them.
    /// `$ref`/`allOf` targets and `oneOf`/`anyOf` branches are named by location; inline
    /// property and item schemas are not (their place says where they are).
    private func tree(_ location: String, in contract: Contract, depth: Int, _ page: inout HTMLPage) {
        guard let node = contract.schemas[location], !Self.isEmpty(node) else { return }
        if let id = page.shown[location] {
            page.raw(
                "<ul class=\"tree\"><li class=\"dim\">shown above: <a href=\"#\(id)\"><code>\(XMLText.escape(location))</code></a></li></ul>\n"
            )
            return
        }
        guard depth < 24 else {
            page.raw("<ul class=\"tree\"><li class=\"dim\">(nested too deep to show)</li></ul>\n")
            return
        }
        let id = "s\(page.nextID)"
        page.nextID += 1
        page.shown[location] = id
        let facts = contract.facts
        page.raw("<ul class=\"tree\" id=\"\(id)\">\n")
        if !node.enumValues.isEmpty {
            page.raw("<li>enum: ")
            page.raw(
                node.enumValues.map { value in
                    let counts = facts[.enumValue(schema: location, value: value)] ?? CoverageCounts()
                    return
                        "<span class=\"\(counts.total > 0 ? "yes" : "no")\">\(counts.total > 0 ? "✓" : "✗") <code>\(XMLText.escape(JSONWriter.string(from: value)))</code></span>"
                }.joined(separator: ", "))
            page.raw("</li>\n")
        }
        if let d = node.discriminator {
            page.raw("<li>discriminator <code>\(XMLText.escape(d.propertyName))</code>: ")
            page.raw(
                d.values.map { v in
                    let counts = facts[.discriminatorValue(schema: location, value: v.value)] ?? CoverageCounts()
                    return
                        "<span class=\"\(counts.total > 0 ? "yes" : "no")\">\(counts.total > 0 ? "✓" : "✗") <code>\(XMLText.escape(v.value))</code></span>"
                }.joined(separator: ", "))
            page.raw("</li>\n")
        }
        for target in node.inPlace {
            page.raw("<li>→ <code>\(XMLText.escape(target))</code>")
            tree(target, in: contract, depth: depth + 1, &page)
            page.raw("</li>\n")
        }
        for choice in node.choices {
            for (i, branch) in choice.branches.enumerated() {
                let counts = facts[.branch(schema: location, keyword: choice.keyword, branch: i)] ?? CoverageCounts()
                page.raw("<li>\(Self.mark(counts.total > 0, yes: "matched", no: "never matched")) \(choice.keyword) branch \(i) ")
                page.raw("<code>\(XMLText.escape(branch))</code> <span class=\"dim\">(\(Self.fixtures(counts)))</span>")
                tree(branch, in: contract, depth: depth + 1, &page)
                page.raw("</li>\n")
            }
        }
        for p in node.properties {
            let present = facts[.property(schema: location, name: p.name, present: true)] ?? CoverageCounts()
            let absent = facts[.property(schema: location, name: p.name, present: false)] ?? CoverageCounts()
            page.raw("<li><code>\(XMLText.escape(p.name))</code> ")
            if p.required {
                page.raw(
                    "(required) \(Self.mark(absent.invalid > 0, yes: "left out by an invalid fixture", no: "never left out by an invalid fixture"))"
                )
            } else {
                let onlyAbsent = present.total == 0 && absent.valid > 0
                page.raw(
                    "(optional) \(Self.mark(present.total > 0, yes: "present", no: onlyAbsent ? "never present: passed only because absent" : "never present"))"
                )
            }
            page.raw(" <span class=\"dim\">present in \(Self.fixtures(present))</span>")
            if let schema = p.schema { tree(schema, in: contract, depth: depth + 1, &page) }
            page.raw("</li>\n")
        }
        for child in node.children {
            page.raw("<li>\(XMLText.escape(child.keyword))")
            tree(child.location, in: contract, depth: depth + 1, &page)
            page.raw("</li>\n")
        }
        page.raw("</ul>\n")
    }

    private static func isEmpty(_ node: SchemaOutline.Node) -> Bool {
        node.enumValues.isEmpty && node.choices.isEmpty && node.discriminator == nil && node.inPlace.isEmpty
            && node.properties.isEmpty && node.children.isEmpty
    }

    private static func mark(_ covered: Bool, yes: String = "covered", no: String = "not covered") -> String {
        covered ? "<span class=\"yes\">✓ \(XMLText.escape(yes))</span>" : "<span class=\"no\">✗ \(XMLText.escape(no))</span>"
    }

    private static func fixtures(_ c: CoverageCounts) -> String {
        "\(c.valid) valid, \(c.invalid) invalid"
    }

    /// An `id` for an operation: letters, digits, `-` and `_` kept, everything else as `.HEX`.
    private static func anchor(_ contract: Int, _ name: String) -> String {
        var out = "op-\(contract)-"
        for scalar in name.unicodeScalars {
            if ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "-"
                || scalar == "_"
            {
                out.unicodeScalars.append(scalar)
            } else {
                out += "." + String(scalar.value, radix: 16)
            }
        }
        return out
    }

    /// Dark text on white (contrast ratios: #1b1b1b 17:1, #0b6e2b 6.4:1, #a4001b 8.4:1,
    /// #4a4a4a 8.9:1, links #0645ad 8.6:1); the marks are text, so colour is never the only cue.
    static let css = """
        body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;background:#fff}\
        main{max-width:72rem;margin:0 auto;padding:1rem}\
        h1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:1px solid #767676}h3{font-size:1.15rem}h4{font-size:1rem;margin-bottom:.25rem}\
        a{color:#0645ad}code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}\
        table{border-collapse:collapse;margin:.5rem 0;min-width:20rem}caption{text-align:left;font-weight:600;padding:.25rem 0}\
        th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:left;vertical-align:top}thead th{background:#f0f0f0}\
        .scroll{overflow-x:auto}.num{white-space:nowrap}.yes{color:#0b6e2b}.no{color:#a4001b;font-weight:600}.dim{color:#4a4a4a}\
        .note{color:#4a4a4a}ul.tree{list-style:none;padding-left:1rem;margin:.1rem 0;border-left:1px solid #c8c8c8}\
        nav ul{padding-left:1.2rem}@media (max-width:40rem){main{padding:.5rem}table{min-width:0;width:100%}}
        """
}

/// An HTML page being written.
struct HTMLPage {
    var text = ""
    /// The schemas shown so far, by location, with their list's `id`.
    var shown: [String: String] = [:]
    /// The next schema list's number (ids stay unique across contracts).
    var nextID = 0
    /// Appends markup as is (callers escape the text they put in it).
    mutating func raw(_ s: String) { text += s }
}
