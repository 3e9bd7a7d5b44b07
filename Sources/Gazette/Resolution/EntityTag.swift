/// The tags of the entity sequence model: outside, the beginning or inside of a PER, ORG or LOC span, or a NORP
/// token.
///
/// NORP has one tag, not two: a run of NORP tokens is one span ("Bosnian Serb", "Shia Muslims"). Two NORP names
/// side by side with nothing between them are rare, and the eighth tag fills the last lane of the model's SIMD8
/// weight rows, where a ninth would double them.
package enum EntityTag: Int, CaseIterable, Sendable {
    case outside = 0, beginPerson, insidePerson, beginOrganization, insideOrganization, beginLocation, insideLocation, norp

    package static let count = allCases.count

    /// The tags of models trained before NORP (files with this many tags still load; see `EntitySequenceModel+File`).
    package static let countBeforeNORP = 7

    package var label: EntityLabel? {
        switch self {
        case .outside: nil
        case .beginPerson, .insidePerson: .person
        case .beginOrganization, .insideOrganization: .organization
        case .beginLocation, .insideLocation: .location
        case .norp: .norp
        }
    }

    /// A begin tag of PER, ORG or LOC (NORP's one tag is neither begin nor inside: see `opensSpan`).
    var isBegin: Bool { self == .beginPerson || self == .beginOrganization || self == .beginLocation }
    /// An inside tag of PER, ORG or LOC: it continues a span of its own type only.
    package var isInside: Bool { self == .insidePerson || self == .insideOrganization || self == .insideLocation }

    /// Whether this tag, after `previous`, starts a span: a begin tag, or NORP after anything but NORP.
    func opensSpan(after previous: EntityTag) -> Bool {
        isBegin || (self == .norp && previous != .norp)
    }

    /// Whether this tag, after `previous`, continues the span before it: an inside tag, or NORP after NORP.
    func continuesSpan(after previous: EntityTag) -> Bool {
        isInside || (self == .norp && previous == .norp)
    }

    /// The tag that starts a span of `label` (NORP's one tag for NORP), or nil for a label the model lacks.
    package static func begin(_ label: EntityLabel) -> EntityTag? {
        switch label {
        case .person: .beginPerson
        case .organization: .beginOrganization
        case .location: .beginLocation
        case .norp: .norp
        default: nil
        }
    }

    /// The tag of a span's later tokens.
    package var inside: EntityTag {
        switch self {
        case .beginPerson, .insidePerson: .insidePerson
        case .beginOrganization, .insideOrganization: .insideOrganization
        case .beginLocation, .insideLocation: .insideLocation
        case .norp: .norp
        case .outside: .outside
        }
    }

    /// Whether `next` may follow `self`: an inside tag continues a span of its own type only; NORP and the begin
    /// tags may follow anything.
    func allows(_ next: EntityTag) -> Bool {
        !next.isInside || (self != .outside && inside == next)
    }
}
