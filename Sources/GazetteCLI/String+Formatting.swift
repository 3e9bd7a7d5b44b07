#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few text helpers the commands' reports need that only full Foundation has (`String(format:)`,
/// `padding(toLength:)`, `NSString.lastPathComponent`): the command line
/// imports only FoundationEssentials, so that every run starts without loading Foundation's libraries.
extension String {
    /// `arguments` formatted by the C `printf` format `format` (`"%.2f"`, `"%d:%02d"`): what `String(format:)` does
    /// for numbers.
    init(cFormat format: String, _ arguments: any CVarArg...) {
        let needed = withVaList(arguments) { vsnprintf(nil, 0, format, $0) }
        guard needed > 0 else {
            self = ""
            return
        }
        var buffer = [CChar](repeating: 0, count: Int(needed) + 1)
        _ = buffer.withUnsafeMutableBufferPointer { output in
            withVaList(arguments) { vsnprintf(output.baseAddress, output.count, format, $0) }
        }
        self = String(decoding: buffer.prefix(Int(needed)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The text cut or padded with spaces on the right to `width` characters.
    func rightPadded(_ width: Int) -> String {
        count >= width ? String(prefix(width)) : self + String(repeating: " ", count: width - count)
    }

    /// The last component of a file path (`"a/b.txt"` → `"b.txt"`), trailing slashes ignored.
    var lastPathComponent: String {
        var path = Substring(self)
        while path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
        guard let slash = path.lastIndex(of: "/"), path.count > 1 else { return String(path) }
        return String(path[path.index(after: slash)...])
    }
}
