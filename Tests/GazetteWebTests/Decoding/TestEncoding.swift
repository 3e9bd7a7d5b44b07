import Glibc

/// Encodes test strings in legacy charsets with glibc's iconv, independently of the ICU converters under test.
enum TestEncoding {
    /// `string` encoded as `charset` (an iconv name such as "SHIFT_JIS", "KOI8-R", "CP1252").
    static func bytes(_ string: String, _ charset: String) -> [UInt8] {
        let converter = iconv_open(charset, "UTF-8")
        precondition(converter != iconv_t(bitPattern: -1), "iconv knows no \(charset)")
        defer { iconv_close(converter) }
        var input = Array(string.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 4 + 16)
        let written = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                var inPointer = source.baseAddress
                var inLeft = source.count
                var outPointer = target.baseAddress
                var outLeft = target.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                precondition(result != -1 && inLeft == 0, "\(charset) cannot encode the test text")
                return target.count - outLeft
            }
        }
        return output.prefix(written).map { UInt8(bitPattern: $0) }
    }

    static func page(head: String = "", body: String) -> String {
        "<!DOCTYPE html>\n<html>\n<head>\(head)<title>Test</title></head>\n<body><p>\(body)</p></body>\n</html>\n"
    }

    static let german = "Die Stadtwerke haben am Mittwoch angekündigt, die Preise für Fernwärme ab dem kommenden Monat um zwölf Prozent zu senken. Verbraucherschützer begrüßten die Entscheidung, forderten aber eine schnellere Weitergabe künftiger Preissenkungen."
    static let french = "Le conseil régional a confirmé jeudi l'ouverture de trois lycées à la rentrée prochaine, dont un établissement agricole près de la côte. Les élus regrettent le manque d'enseignants."
    static let russian = "Мэрия объявила во вторник, что новая линия метро соединит северные районы с центром города уже в следующем году. Жители окраин давно жаловались на переполненные автобусы и пробки."
    static let japanese = "市議会は火曜日、駅前に新しい図書館を建設する計画を賛成多数で承認した。総事業費は約三十億円で、二年後の開館を目指す。新しい図書館には子ども向けの読書室や学習スペースが設けられる予定だ。"
    static let chinese = "市政府周三宣布，将在明年春季开始扩建城市中心公园，新增绿地面积约二十公顷，并修建自行车道和儿童游乐区。有关负责人表示，项目总投资约为五亿元，预计两年内完工。"
    static let polish = "Minister rodziny ogłosił w środę program budowy żłobków w gminach, w których dotąd nie było żadnej placówki opieki nad dziećmi. Pierwsze wnioski samorządy mogą składać już od przyszłego miesiąca."
}
