/// A deterministic generator of `VideoGenerationRequest` bodies (specs/openrouter-videos.yaml,
/// operation `createVideos`), valid and invalid, for benchmarks and fixture directories.
///
/// The same seed always yields the same instances, on every machine: the PRNG is SplitMix64 and the
/// JSON text is written by ``GenValue/json`` (object members in insertion order, no floats beyond
/// fixed literals). Coverage is systematic, not left to chance: instance `i` takes enum values and
/// discriminator branches round-robin from `i`, every 8th valid instance carries every property,
/// and the invalid kinds are cycled through (about 30% of instances are invalid).
public struct SplitMix64: Sendable {
    private var state: UInt64
    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }
    /// The next 64-bit value of the sequence.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A value in `0..<bound` (bound > 0).
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    /// `true` with a probability of `percent` in 100.
    public mutating func chance(percent: Int) -> Bool { below(100) < percent }
    /// One of `values` (not empty), uniformly.
    public mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
}

/// A JSON value as the generator builds it; `json` writes it compactly and deterministically.
public indirect enum GenValue: Sendable {
    case null
    case bool(Bool)
    /// A number, written verbatim (so `8.5`, `1e1` or 30-digit integers stay exact).
    case number(String)
    case string(String)
    case array([GenValue])
    case object([(String, GenValue)])

    /// An integer number.
    public static func int(_ n: Int) -> GenValue { .number(String(n)) }

    /// The value as compact JSON text, members in insertion order.
    public var json: String {
        var out = ""
        write(into: &out)
        return out
    }

    func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): GenValue.writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                GenValue.writeString(key, into: &out)
                out += ":"
                value.write(into: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

/// One generated instance: its JSON value, whether the seed spec (without overlay) accepts it, and
/// for an invalid one, which kinds of error were put in.
public struct GeneratedInstance: Sendable {
    /// The instance.
    public var value: GenValue
    /// Whether the seed spec (without overlay) accepts it.
    public var expectedValid: Bool
    /// For an invalid instance, the kinds of error put in (``InstanceGenerator/invalidKinds``).
    public var kinds: [String]
}

/// Builds `createVideos` request bodies, valid and invalid, deterministically from a seed.
public struct InstanceGenerator: Sendable {
    /// The `aspect_ratio` enum of the seed spec.
    public static let aspectRatios = ["16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9", "9:21"]
    /// The `resolution` enum of the seed spec.
    public static let resolutions = ["480p", "720p", "1080p", "1K", "2K", "4K"]
    /// The `frame_type` enum of `FrameImage`.
    public static let frameTypes = ["first_frame", "last_frame"]
    /// The discriminator values of `input_references` items.
    public static let branches = ["image_url", "audio_url", "video_url"]
    static let models = ["google/veo-3.1", "openai/sora-2", "bytedance/seedance-2.0", "kling/v2.1-master", "minimax/hailuo-02"]
    static let providerSlugs = ["google-vertex", "openai", "anthropic", "fireworks", "together", "xai", "z-ai", "01ai"]
    static let words = [
        "serene", "mountain", "landscape", "sunset", "city", "neon", "rain", "ocean", "waves",
        "forest", "fog", "drone", "shot", "slow", "motion", "cat", "astronaut", "desert",
        "timelapse", "clouds", "über", "café", "日本", "🎬",
    ]

    /// The error kinds an invalid instance is built from (each alone, or 2–4 together for "multiple").
    public static let invalidKinds = [
        "missing-prompt", "missing-model", "prompt-number", "model-null", "aspect-ratio-not-enum",
        "aspect-ratio-number", "resolution-not-enum", "duration-zero", "duration-fraction", "duration-string",
        "seed-fraction", "generate-audio-string", "callback-url-not-uri", "callback-url-number",
        "frame-images-not-array", "frame-image-missing-frame-type", "frame-image-bad-frame-type",
        "frame-image-missing-url", "input-ref-unknown-type", "input-ref-missing-type", "input-ref-missing-url",
        "input-ref-not-object", "input-ref-url-not-string", "input-ref-branch-payload-mismatch",
        "provider-not-object", "provider-options-slug-array", "size-number", "body-array", "multiple",
    ]

    /// The seed: the same seed yields the same instances.
    public var seed: UInt64
    /// Percentage of invalid instances.
    public var invalidPercent: Int

    /// A generator with `seed` making `invalidPercent` % of its instances invalid.
    public init(seed: UInt64 = 20_240_601, invalidPercent: Int = 30) {
        self.seed = seed
        self.invalidPercent = invalidPercent
    }

    /// Instance number `index`: a pure function of (seed, index), so any slice can be regenerated.
    public func instance(_ index: Int) -> GeneratedInstance {
        var rng = SplitMix64(seed: seed ^ (UInt64(index) &* 0xD134_2543_DE82_EF95))
        let invalid = rng.chance(percent: invalidPercent)
        var members = validBody(index, &rng)
        guard invalid else { return GeneratedInstance(value: .object(members), expectedValid: true, kinds: []) }
        var kind = Self.invalidKinds[(index / 3 + rng.below(5)) % Self.invalidKinds.count]
        if kind == "body-array" {
            return GeneratedInstance(value: .array([.object(members)]), expectedValid: false, kinds: [kind])
        }
        var kinds: [String] = []
        if kind == "multiple" {
            let count = 2 + rng.below(3)
            let candidates = Self.invalidKinds.filter { $0 != "multiple" && $0 != "body-array" }
            var chosen: [String] = []
            while chosen.count < count {
                let k = rng.pick(candidates)
                if !chosen.contains(k) { chosen.append(k) }
            }
            kinds = chosen
        } else {
            kinds = [kind]
        }
        for k in kinds {
            kind = k
            Self.breakBody(&members, kind: kind, &rng)
        }
        return GeneratedInstance(value: .object(members), expectedValid: false, kinds: kinds)
    }

    /// `count` instances starting at 0.
    public func instances(_ count: Int) -> [GeneratedInstance] { (0..<count).map(instance) }

    // MARK: - Valid bodies

    func validBody(_ index: Int, _ rng: inout SplitMix64) -> [(String, GenValue)] {
        var m: [(String, GenValue)] = []
        let all = index % 8 == 0
        let want = { (percent: Int, rng: inout SplitMix64) -> Bool in all || rng.chance(percent: percent) }
        m.append(("prompt", .string(Self.prompt(&rng, index: index))))
        m.append(("model", .string(Self.models[index % Self.models.count])))
        if want(60, &rng) { m.append(("aspect_ratio", .string(Self.aspectRatios[index % Self.aspectRatios.count]))) }
        if want(50, &rng) { m.append(("resolution", .string(Self.resolutions[(index / 2) % Self.resolutions.count]))) }
        if want(50, &rng) {
            let forms: [GenValue] = [.int(1 + rng.below(20)), .number("8.0"), .number("1e1"), .int(8)]
            m.append(("duration", rng.chance(percent: 85) ? forms[0] : rng.pick(forms)))
        }
        if want(30, &rng) {
            let seeds: [GenValue] = [
                .int(rng.below(1_000_000)), .int(-42), .number("18446744073709551615"),
                .number("123456789012345678901234567890"), .int(0),
            ]
            m.append(("seed", rng.chance(percent: 70) ? seeds[0] : rng.pick(seeds)))
        }
        if want(40, &rng) { m.append(("generate_audio", .bool(rng.chance(percent: 50)))) }
        if want(25, &rng) { m.append(("callback_url", .string("https://hooks.example.com/videos/\(index)?token=t\(rng.below(10_000))"))) }
        if want(20, &rng) {
            let w = [640, 1280, 1920, 3840][rng.below(4)]
            m.append(("size", .string("\(w)x\(w * 9 / 16)")))
        }
        if want(30, &rng) {
            var frames: [GenValue] = []
            let n = all ? 2 : rng.below(3)
            for f in 0..<n { frames.append(Self.frameImage(Self.frameTypes[(index + f) % 2], index: index + f)) }
            m.append(("frame_images", .array(frames)))
        }
        if want(40, &rng) {
            var refs: [GenValue] = []
            let n = all ? 3 : rng.below(5)
            for r in 0..<n {
                refs.append(Self.inputReference(Self.branches[(index + r) % 3], index: index + r, extra: rng.chance(percent: 10)))
            }
            m.append(("input_references", .array(refs)))
        }
        if want(20, &rng) { m.append(("provider", Self.provider(&rng))) }
        if rng.chance(percent: 5) { m.append(("x_client_tag", .string("bench-\(index)"))) }  // unknown properties are allowed
        return m
    }

    static func prompt(_ rng: inout SplitMix64, index: Int) -> String {
        let n = 3 + rng.below(25)
        var words: [String] = []
        for _ in 0..<n { words.append(rng.pick(Self.words)) }
        if index % 97 == 0 { words.append("\"quoted\"\nnew line\ttab") }
        return words.joined(separator: " ")
    }

    /// A valid `FrameImage` of `frameType`, its URL numbered by `index`.
    public static func frameImage(_ frameType: String, index: Int) -> GenValue {
        .object([
            ("type", .string("image_url")),
            ("image_url", .object([("url", .string("https://cdn.example.com/frames/\(index).png"))])),
            ("frame_type", .string(frameType)),
        ])
    }

    /// A valid `input_references` item of `branch`; `extra` adds an optional member.
    public static func inputReference(_ branch: String, index: Int, extra: Bool = false) -> GenValue {
        let ext = ["image_url": "png", "audio_url": "mp3", "video_url": "mp4"][branch] ?? "bin"
        var payload: [(String, GenValue)] = [("url", .string("https://cdn.example.com/refs/\(index).\(ext)"))]
        if extra { payload.append(("detail", .string("high"))) }
        var members: [(String, GenValue)] = [("type", .string(branch)), (branch, .object(payload))]
        if extra { members.append(("weight", .number("0.5"))) }
        return .object(members)
    }

    static func provider(_ rng: inout SplitMix64) -> GenValue {
        var options: [(String, GenValue)] = []
        for _ in 0..<(1 + rng.below(3)) {
            let slug = rng.chance(percent: 10) ? "some-new-provider" : rng.pick(providerSlugs)
            if options.contains(where: { $0.0 == slug }) { continue }
            let values: [GenValue] = [
                .null, .int(1000), .string("low"), .bool(true), .array([.int(1), .string("a")]),
                .object([("effort", .string("low"))]),
            ]
            options.append((slug, .object([("output_config", rng.pick(values)), ("max_tokens", .int(rng.below(4096)))])))
        }
        return .object([("options", .object(options))])
    }

    // MARK: - Breaking a body

    static func set(_ m: inout [(String, GenValue)], _ key: String, _ value: GenValue) {
        if let i = m.firstIndex(where: { $0.0 == key }) { m[i].1 = value } else { m.append((key, value)) }
    }

    static func breakBody(_ m: inout [(String, GenValue)], kind: String, _ rng: inout SplitMix64) {
        switch kind {
        case "missing-prompt": m.removeAll { $0.0 == "prompt" }
        case "missing-model": m.removeAll { $0.0 == "model" }
        case "prompt-number": set(&m, "prompt", .int(42))
        case "model-null": set(&m, "model", .null)
        case "aspect-ratio-not-enum": set(&m, "aspect_ratio", .string(rng.pick(["16:10", "4:5", "", "16/9"])))
        case "aspect-ratio-number": set(&m, "aspect_ratio", .number("1.7777"))
        case "resolution-not-enum": set(&m, "resolution", .string(rng.pick(["720", "8K", "1080P", "hd"])))
        case "duration-zero": set(&m, "duration", .int(rng.chance(percent: 50) ? 0 : -1))
        case "duration-fraction": set(&m, "duration", .number("8.5"))
        case "duration-string": set(&m, "duration", .string("8"))
        case "seed-fraction": set(&m, "seed", .number("0.25"))
        case "generate-audio-string": set(&m, "generate_audio", .string("yes"))
        case "callback-url-not-uri": set(&m, "callback_url", .string(rng.pick(["not a url", "://missing-scheme", "example.com/hook"])))
        case "callback-url-number": set(&m, "callback_url", .int(8080))
        case "frame-images-not-array": set(&m, "frame_images", frameImage("first_frame", index: 0))
        case "frame-image-missing-frame-type":
            set(
                &m, "frame_images",
                .array([.object([("type", .string("image_url")), ("image_url", .object([("url", .string("https://x.test/a.png"))]))])]))
        case "frame-image-bad-frame-type": set(&m, "frame_images", .array([frameImage("middle_frame", index: 1)]))
        case "frame-image-missing-url":
            set(
                &m, "frame_images",
                .array([.object([("type", .string("image_url")), ("image_url", .object([])), ("frame_type", .string("last_frame"))])]))
        case "input-ref-unknown-type":
            set(&m, "input_references", .array([.object([("type", .string("text")), ("text", .string("hello"))])]))
        case "input-ref-missing-type":
            set(&m, "input_references", .array([.object([("image_url", .object([("url", .string("https://x.test/a.png"))]))])]))
        case "input-ref-missing-url":
            let b = rng.pick(branches)
            set(&m, "input_references", .array([inputReference(b, index: 1), .object([("type", .string(b)), (b, .object([]))])]))
        case "input-ref-not-object": set(&m, "input_references", .array([.string("https://x.test/a.png")]))
        case "input-ref-url-not-string":
            set(&m, "input_references", .array([.object([("type", .string("video_url")), ("video_url", .object([("url", .int(7))]))])]))
        case "input-ref-branch-payload-mismatch":
            set(
                &m, "input_references",
                .array([.object([("type", .string("audio_url")), ("image_url", .object([("url", .string("https://x.test/a.png"))]))])]))
        case "provider-not-object": set(&m, "provider", .string("google-vertex"))
        case "provider-options-slug-array": set(&m, "provider", .object([("options", .object([("openai", .array([.int(1)]))]))]))
        case "size-number": set(&m, "size", .int(1280))
        default: break
        }
    }

    // MARK: - Benchmark inputs

    /// A request whose `input_references` has `perBranch` items of each discriminator branch
    /// (interleaved), plus `perBranch / 2` frame images: the discriminator-heavy case.
    public static func discriminatorHeavy(perBranch: Int) -> GenValue {
        var refs: [GenValue] = []
        for i in 0..<perBranch {
            for b in branches { refs.append(inputReference(b, index: i, extra: i % 7 == 0)) }
        }
        let frames = (0..<max(1, perBranch / 2)).map { frameImage(frameTypes[$0 % 2], index: $0) }
        return .object([
            ("prompt", .string("discriminator-heavy")), ("model", .string("google/veo-3.1")),
            ("frame_images", .array(frames)), ("input_references", .array(refs)),
        ])
    }
}
