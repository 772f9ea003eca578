/// A Unicode property a ``ScalarSet`` can test, evaluated with the Swift standard library's
/// Unicode data (`Unicode.Scalar.Properties`).
///
/// Only properties the standard library exposes are representable: General_Category values and
/// most binary properties. Script and Script_Extensions are not (``init(ecmaName:)`` returns nil
/// for them, so a caller can use another engine).
public enum ScalarProperty: Sendable, Hashable {
    /// The scalar's General_Category is one of the categories in the mask (bit `n` is
    /// ``categoryBit(_:)`` of a category).
    case generalCategory(mask: UInt32)
    /// A binary property.
    case binary(BinaryProperty)

    /// The binary properties of ECMA-262's table of binary Unicode property aliases that the
    /// standard library can answer.
    public enum BinaryProperty: String, Sendable, Hashable, CaseIterable {
        case ascii = "ASCII", asciiHexDigit = "ASCII_Hex_Digit", alphabetic = "Alphabetic", bidiControl = "Bidi_Control"
        case bidiMirrored = "Bidi_Mirrored", caseIgnorable = "Case_Ignorable", cased = "Cased"
        case changesWhenCasefolded = "Changes_When_Casefolded", changesWhenCasemapped = "Changes_When_Casemapped"
        case changesWhenLowercased = "Changes_When_Lowercased"
        case changesWhenNFKCCasefolded = "Changes_When_NFKC_Casefolded"
        case changesWhenTitlecased = "Changes_When_Titlecased", changesWhenUppercased = "Changes_When_Uppercased"
        case dash = "Dash", defaultIgnorableCodePoint = "Default_Ignorable_Code_Point", deprecated = "Deprecated"
        case diacritic = "Diacritic", emoji = "Emoji", emojiModifier = "Emoji_Modifier"
        case emojiModifierBase = "Emoji_Modifier_Base", emojiPresentation = "Emoji_Presentation"
        case extender = "Extender", graphemeBase = "Grapheme_Base", graphemeExtend = "Grapheme_Extend"
        case hexDigit = "Hex_Digit", idsBinaryOperator = "IDS_Binary_Operator"
        case idsTrinaryOperator = "IDS_Trinary_Operator", idContinue = "ID_Continue", idStart = "ID_Start"
        case ideographic = "Ideographic", joinControl = "Join_Control"
        case logicalOrderException = "Logical_Order_Exception", lowercase = "Lowercase", math = "Math"
        case noncharacterCodePoint = "Noncharacter_Code_Point", patternSyntax = "Pattern_Syntax"
        case patternWhiteSpace = "Pattern_White_Space", quotationMark = "Quotation_Mark", radical = "Radical"
        case sentenceTerminal = "Sentence_Terminal", softDotted = "Soft_Dotted"
        case terminalPunctuation = "Terminal_Punctuation", unifiedIdeograph = "Unified_Ideograph"
        case uppercase = "Uppercase", variationSelector = "Variation_Selector", whiteSpace = "White_Space"
        case xidContinue = "XID_Continue", xidStart = "XID_Start"
        case regionalIndicator = "Regional_Indicator"

        /// The short aliases ECMA-262 also accepts.
        static let aliases: [String: BinaryProperty] = [
            "AHex": .asciiHexDigit, "Alpha": .alphabetic, "Bidi_C": .bidiControl, "Bidi_M": .bidiMirrored,
            "CI": .caseIgnorable, "CWCF": .changesWhenCasefolded, "CWCM": .changesWhenCasemapped,
            "CWL": .changesWhenLowercased, "CWKCF": .changesWhenNFKCCasefolded, "CWT": .changesWhenTitlecased,
            "CWU": .changesWhenUppercased, "DI": .defaultIgnorableCodePoint, "Dep": .deprecated, "Dia": .diacritic,
            "EMod": .emojiModifier, "EBase": .emojiModifierBase, "EPres": .emojiPresentation, "Ext": .extender,
            "Gr_Base": .graphemeBase, "Gr_Ext": .graphemeExtend, "Hex": .hexDigit, "IDSB": .idsBinaryOperator,
            "IDST": .idsTrinaryOperator, "IDC": .idContinue, "IDS": .idStart, "Ideo": .ideographic,
            "Join_C": .joinControl, "LOE": .logicalOrderException, "Lower": .lowercase,
            "NChar": .noncharacterCodePoint, "Pat_Syn": .patternSyntax, "Pat_WS": .patternWhiteSpace,
            "QMark": .quotationMark, "STerm": .sentenceTerminal, "SD": .softDotted, "Term": .terminalPunctuation,
            "UIdeo": .unifiedIdeograph, "Upper": .uppercase, "VS": .variationSelector, "space": .whiteSpace,
            "XIDC": .xidContinue, "XIDS": .xidStart, "RI": .regionalIndicator,
        ]

        func matches(_ scalar: Unicode.Scalar) -> Bool {
            let p = scalar.properties
            switch self {
            case .ascii: return scalar.isASCII
            case .regionalIndicator: return (0x1F1E6...0x1F1FF).contains(scalar.value)
            case .asciiHexDigit: return p.isASCIIHexDigit
            case .alphabetic: return p.isAlphabetic
            case .bidiControl: return p.isBidiControl
            case .bidiMirrored: return p.isBidiMirrored
            case .caseIgnorable: return p.isCaseIgnorable
            case .cased: return p.isCased
            case .changesWhenCasefolded: return p.changesWhenCaseFolded
            case .changesWhenCasemapped: return p.changesWhenCaseMapped
            case .changesWhenLowercased: return p.changesWhenLowercased
            case .changesWhenNFKCCasefolded: return p.changesWhenNFKCCaseFolded
            case .changesWhenTitlecased: return p.changesWhenTitlecased
            case .changesWhenUppercased: return p.changesWhenUppercased
            case .dash: return p.isDash
            case .defaultIgnorableCodePoint: return p.isDefaultIgnorableCodePoint
            case .deprecated: return p.isDeprecated
            case .diacritic: return p.isDiacritic
            case .emoji: return p.isEmoji
            case .emojiModifier: return p.isEmojiModifier
            case .emojiModifierBase: return p.isEmojiModifierBase
            case .emojiPresentation: return p.isEmojiPresentation
            case .extender: return p.isExtender
            case .graphemeBase: return p.isGraphemeBase
            case .graphemeExtend: return p.isGraphemeExtend
            case .hexDigit: return p.isHexDigit
            case .idsBinaryOperator: return p.isIDSBinaryOperator
            case .idsTrinaryOperator: return p.isIDSTrinaryOperator
            case .idContinue: return p.isIDContinue
            case .idStart: return p.isIDStart
            case .ideographic: return p.isIdeographic
            case .joinControl: return p.isJoinControl
            case .logicalOrderException: return p.isLogicalOrderException
            case .lowercase: return p.isLowercase
            case .math: return p.isMath
            case .noncharacterCodePoint: return p.isNoncharacterCodePoint
            case .patternSyntax: return p.isPatternSyntax
            case .patternWhiteSpace: return p.isPatternWhitespace
            case .quotationMark: return p.isQuotationMark
            case .radical: return p.isRadical
            case .sentenceTerminal: return p.isSentenceTerminal
            case .softDotted: return p.isSoftDotted
            case .terminalPunctuation: return p.isTerminalPunctuation
            case .unifiedIdeograph: return p.isUnifiedIdeograph
            case .uppercase: return p.isUppercase
            case .variationSelector: return p.isVariationSelector
            case .whiteSpace: return p.isWhitespace
            case .xidContinue: return p.isXIDContinue
            case .xidStart: return p.isXIDStart
            }
        }
    }

    /// The bit of `category` in a ``generalCategory(mask:)`` mask.
    public static func categoryBit(_ category: Unicode.GeneralCategory) -> UInt32 {
        let index: UInt32
        switch category {
        case .uppercaseLetter: index = 0
        case .lowercaseLetter: index = 1
        case .titlecaseLetter: index = 2
        case .modifierLetter: index = 3
        case .otherLetter: index = 4
        case .nonspacingMark: index = 5
        case .spacingMark: index = 6
        case .enclosingMark: index = 7
        case .decimalNumber: index = 8
        case .letterNumber: index = 9
        case .otherNumber: index = 10
        case .connectorPunctuation: index = 11
        case .dashPunctuation: index = 12
        case .openPunctuation: index = 13
        case .closePunctuation: index = 14
        case .initialPunctuation: index = 15
        case .finalPunctuation: index = 16
        case .otherPunctuation: index = 17
        case .mathSymbol: index = 18
        case .currencySymbol: index = 19
        case .modifierSymbol: index = 20
        case .otherSymbol: index = 21
        case .spaceSeparator: index = 22
        case .lineSeparator: index = 23
        case .paragraphSeparator: index = 24
        case .control: index = 25
        case .format: index = 26
        case .surrogate: index = 27
        case .privateUse: index = 28
        case .unassigned: index = 29
        @unknown default: index = 29
        }
        return 1 << index
    }

    /// General_Category values by their short name (`Lu`, or a one-letter group such as `L`), as
    /// masks. `LC` is Cased_Letter (`Lu | Ll | Lt`).
    public static let generalCategoryMasks: [String: UInt32] = {
        let letters: [(String, [Unicode.GeneralCategory])] = [
            ("Lu", [.uppercaseLetter]), ("Ll", [.lowercaseLetter]), ("Lt", [.titlecaseLetter]),
            ("Lm", [.modifierLetter]), ("Lo", [.otherLetter]), ("Mn", [.nonspacingMark]), ("Mc", [.spacingMark]),
            ("Me", [.enclosingMark]), ("Nd", [.decimalNumber]), ("Nl", [.letterNumber]), ("No", [.otherNumber]),
            ("Pc", [.connectorPunctuation]), ("Pd", [.dashPunctuation]), ("Ps", [.openPunctuation]),
            ("Pe", [.closePunctuation]), ("Pi", [.initialPunctuation]), ("Pf", [.finalPunctuation]),
            ("Po", [.otherPunctuation]), ("Sm", [.mathSymbol]), ("Sc", [.currencySymbol]), ("Sk", [.modifierSymbol]),
            ("So", [.otherSymbol]), ("Zs", [.spaceSeparator]), ("Zl", [.lineSeparator]),
            ("Zp", [.paragraphSeparator]), ("Cc", [.control]), ("Cf", [.format]), ("Cs", [.surrogate]),
            ("Co", [.privateUse]), ("Cn", [.unassigned]),
            ("LC", [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter]),
        ]
        var masks: [String: UInt32] = [:]
        for (name, categories) in letters {
            let mask = categories.reduce(UInt32(0)) { $0 | categoryBit($1) }
            masks[name] = mask
            if name.count == 2, name != "LC" { masks[String(name.prefix(1)), default: 0] |= mask }
        }
        return masks
    }()

    /// Long names and other aliases of General_Category values (PropertyValueAliases.txt), mapped to
    /// their short names.
    static let generalCategoryAliases: [String: String] = [
        "Other": "C", "Control": "Cc", "cntrl": "Cc", "Format": "Cf", "Unassigned": "Cn", "Private_Use": "Co",
        "Surrogate": "Cs", "Letter": "L", "Cased_Letter": "LC", "Lowercase_Letter": "Ll", "Modifier_Letter": "Lm",
        "Other_Letter": "Lo", "Titlecase_Letter": "Lt", "Uppercase_Letter": "Lu", "Mark": "M", "Combining_Mark": "M",
        "Spacing_Mark": "Mc", "Enclosing_Mark": "Me", "Nonspacing_Mark": "Mn", "Number": "N", "Decimal_Number": "Nd",
        "digit": "Nd", "Letter_Number": "Nl", "Other_Number": "No", "Punctuation": "P", "punct": "P",
        "Connector_Punctuation": "Pc", "Dash_Punctuation": "Pd", "Close_Punctuation": "Pe",
        "Final_Punctuation": "Pf", "Initial_Punctuation": "Pi", "Other_Punctuation": "Po",
        "Open_Punctuation": "Ps", "Symbol": "S", "Currency_Symbol": "Sc", "Modifier_Symbol": "Sk",
        "Math_Symbol": "Sm", "Other_Symbol": "So", "Separator": "Z", "Line_Separator": "Zl",
        "Paragraph_Separator": "Zp", "Space_Separator": "Zs",
    ]

    /// A General_Category value by short name, long name or alias (`Lu`, `Uppercase_Letter`, `L`,
    /// `Letter`, `digit`), exactly as spelled in PropertyValueAliases.txt.
    public init?(generalCategory name: String) {
        guard let mask = Self.generalCategoryMasks[Self.generalCategoryAliases[name] ?? name] else { return nil }
        self = .generalCategory(mask: mask)
    }

    /// The property an ECMA-262 `\p{…}` escape names (ECMA-262 §22.2.2.9,
    /// UnicodePropertyValueExpression), spelled exactly as ECMA-262 requires: a General_Category
    /// value (`L`, `Letter`, `gc=Lu`, `General_Category=Lu`), a binary property (`Alphabetic`,
    /// `White_Space`, `ASCII`, `Any`, `Assigned`, …) or its alias.
    ///
    /// Returns nil for names this type cannot evaluate (Script and Script_Extensions values,
    /// Emoji_Component, Extended_Pictographic) and for names ECMA-262 does not define.
    public init?(ecmaName text: String) {
        if let equals = text.firstIndex(of: "=") {
            let name = text[..<equals]
            let value = String(text[text.index(after: equals)...])
            guard name == "General_Category" || name == "gc" else { return nil }
            self.init(generalCategory: value)
            return
        }
        switch text {
        case "Any": self = .generalCategory(mask: (1 << 30) - 1)
        case "Assigned": self = .generalCategory(mask: ((1 << 30) - 1) & ~Self.categoryBit(.unassigned))
        default:
            if let binary = BinaryProperty(rawValue: text) ?? BinaryProperty.aliases[text] {
                self = .binary(binary)
            } else {
                self.init(generalCategory: text)
            }
        }
    }

    /// For properties that are plain ranges, those ranges.
    var ranges: [ClosedRange<UInt32>]? {
        switch self {
        case .binary(.ascii): return [0...0x7F]
        case .binary(.regionalIndicator): return [0x1F1E6...0x1F1FF]
        case .generalCategory(let mask) where mask == (1 << 30) - 1: return [0...ScalarSet.maxScalar]
        default: return nil
        }
    }

    /// Whether the scalar with value `value` has the property.
    func matches(_ value: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(value) else {
            // Surrogate code points never occur in Swift strings; answer by category for completeness.
            if case .generalCategory(let mask) = self { return mask & Self.categoryBit(.surrogate) != 0 }
            return false
        }
        switch self {
        case .generalCategory(let mask): return mask & Self.categoryBit(scalar.properties.generalCategory) != 0
        case .binary(let property): return property.matches(scalar)
        }
    }
}
