import Gazette

/// The small JSON pieces the exporters write, over the library's string quoting (`JSONString`).
struct ExportJSON {
    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []

    /// Appends raw JSON punctuation or text.
    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends `"name":`.
    mutating func key(_ name: String) {
        bytes.append(contentsOf: JSONString.quoted(name))
        bytes.append(UInt8(ascii: ":"))
    }

    /// Appends a string literal.
    mutating func string(_ value: String) {
        bytes.append(contentsOf: JSONString.quoted(value))
    }

    /// Appends an integer.
    mutating func integer(_ value: Int) {
        raw(String(value))
    }

    /// Appends a number: the shortest decimal that reads back as `value` (scores such as 0.98 stay 0.98).
    mutating func number(_ value: Double) {
        raw(value.isFinite ? "\(value)" : "null")
    }

    /// Appends `"name":"value",` members for each pair whose value is present, each preceded by a comma.
    mutating func optionalMembers(_ members: [(String, String?)]) {
        for case let (name, value?) in members {
            raw(",")
            key(name)
            string(value)
        }
    }
}
