/// The tags of the entity sequence model: outside, or the beginning or inside of a PER, ORG or LOC span.
package enum EntityTag: Int, CaseIterable, Sendable {
    case outside = 0, beginPerson, insidePerson, beginOrganization, insideOrganization, beginLocation, insideLocation

    package static let count = allCases.count

    package var label: EntityLabel? {
        switch self {
        case .outside: nil
        case .beginPerson, .insidePerson: .person
        case .beginOrganization, .insideOrganization: .organization
        case .beginLocation, .insideLocation: .location
        }
    }

    var isBegin: Bool { self == .beginPerson || self == .beginOrganization || self == .beginLocation }
    package var isInside: Bool { self == .insidePerson || self == .insideOrganization || self == .insideLocation }

    package static func begin(_ label: EntityLabel) -> EntityTag? {
        switch label {
        case .person: .beginPerson
        case .organization: .beginOrganization
        case .location: .beginLocation
        default: nil
        }
    }

    package var inside: EntityTag {
        switch self {
        case .beginPerson, .insidePerson: .insidePerson
        case .beginOrganization, .insideOrganization: .insideOrganization
        case .beginLocation, .insideLocation: .insideLocation
        case .outside: .outside
        }
    }

    /// Whether `next` may follow `self`: an inside tag continues a span of its own type only.
    func allows(_ next: EntityTag) -> Bool {
        !next.isInside || (self != .outside && inside == next)
    }
}
