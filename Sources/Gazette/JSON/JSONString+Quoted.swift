extension JSONString {
    /// `string` as a JSON string literal with its quotes, in UTF-8: the escaper of the record writer, for the
    /// package's other modules (batch fields and manifests, saved training splits).
    package static func quoted(_ string: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(string.utf8.count + 2)
        appendQuoted(string, to: &output)
        return output
    }
}
