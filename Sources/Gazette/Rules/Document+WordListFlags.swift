/// The `wordListFlags` layer's values, kept in the document's typed store: the document model knows nothing of
/// word lists.
extension Document {
    private enum WordListFlagsKey: DocumentValueKey {
        static let defaultValue: [WordListFlags] = []
    }

    private enum TitleCaseSentencesKey: DocumentValueKey {
        static let defaultValue: [Bool] = []
    }

    /// For each token, the word lists its key is in (see `WordListTagger`).
    public var wordListFlags: [WordListFlags] {
        get { self[WordListFlagsKey.self] }
        set { self[WordListFlagsKey.self] = newValue }
    }

    /// For each sentence, whether it is written in title case (see `WordListTagger`).
    public var titleCaseSentences: [Bool] {
        get { self[TitleCaseSentencesKey.self] }
        set { self[TitleCaseSentencesKey.self] = newValue }
    }
}
