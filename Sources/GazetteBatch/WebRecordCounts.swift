/// What the WARC and ARC readers did with every record they saw: handed on as a document (to be annotated, or to
/// become an error record if its body is unusable), skipped by reason, or damaged (an error record). Every record has
/// one outcome: `records == documents + skipped + damaged`. Bytes between records that are not records become error
/// records of their own (`strays`).
public struct WebRecordCounts: Sendable, Equatable {
    /// Records seen (WARC records and ARC records, the version block included).
    public var records = 0
    /// Records handed on as documents: `response` records with a 2xx status and an HTML or plain-text body.
    public var documents = 0
    /// Skipped: not a response (warcinfo, request, metadata, resource, conversion; an ARC version block).
    public var notResponse = 0
    /// Skipped: revisit records (no body of their own).
    public var revisit = 0
    /// Skipped: a response without an HTTP message (another Content-Type, or an ARC record without a status line).
    public var notHTTP = 0
    /// Skipped: HTTP status other than 2xx (redirects, errors).
    public var notSuccess = 0
    /// Skipped: a body that is neither HTML nor plain text (images, scripts, styles, JSON, ...).
    public var notText = 0
    /// Records that became error records: an unusable header (cut short, no Content-Length), or cut by damaged gzip data.
    public var damaged = 0
    /// Error records for bytes between records: stretches that are not records (each skipped to the next record start)
    /// and damaged gzip data (bytes that are not gzip data, corrupt members) outside any record.
    public var strays = 0
    /// Records read despite a wrong record length (WARC Content-Length, ARC Archive-length): their end found at the
    /// next record start, or the end of the file.
    public var repaired = 0
    /// Bytes skipped between records: not records, or damaged gzip data (compressed bytes).
    public var skippedBytes = 0

    /// No records yet.
    public init() {}

    /// Records skipped because of their kind.
    public var skipped: Int { notResponse + revisit + notHTTP + notSuccess + notText }

    /// Adds `other`'s counts.
    public mutating func add(_ other: WebRecordCounts) {
        records += other.records
        documents += other.documents
        notResponse += other.notResponse
        revisit += other.revisit
        notHTTP += other.notHTTP
        notSuccess += other.notSuccess
        notText += other.notText
        damaged += other.damaged
        strays += other.strays
        repaired += other.repaired
        skippedBytes += other.skippedBytes
    }

    /// The counts as a JSON object, for the manifest.
    public var json: String {
        #"{"records":\#(records),"documents":\#(documents),"skipped":{"not_response":\#(notResponse),"revisit":\#(revisit),"#
            + #""not_http":\#(notHTTP),"not_2xx":\#(notSuccess),"not_html_or_text":\#(notText)},"damaged":\#(damaged),"#
            + #""strays":\#(strays),"#
            + #""repaired":\#(repaired),"skipped_bytes":\#(skippedBytes)}"#
    }

    /// One line for the batch summary: "343 WARC/ARC records: 16 documents, 327 skipped (171 not responses, ...)".
    public var summary: String {
        var reasons: [String] = []
        for (count, reason) in [(notResponse, "not responses"), (revisit, "revisits"), (notHTTP, "not HTTP"), (notSuccess, "not 2xx"),
                                (notText, "not HTML or text")] where count > 0 {
            reasons.append("\(count) \(reason)")
        }
        var text = "\(records) WARC/ARC records: \(documents) documents, \(skipped) skipped"
        if !reasons.isEmpty { text += " (" + reasons.joined(separator: ", ") + ")" }
        if damaged > 0 { text += ", \(damaged) damaged (error records)" }
        if strays > 0 { text += ", \(strays) error records for bytes between records" }
        if repaired > 0 { text += ", \(repaired) read despite a wrong record length" }
        if skippedBytes > 0 { text += ", \(skippedBytes) bytes skipped" }
        return text
    }
}
