extension WordLists {
    /// For each sentence, whether it is written in title case ("Kallas Calls India a Reliable Partner"), where a
    /// capital letter says nothing about names: most of its ordinary words (common words and stop words after the
    /// first token) are capitalised. A list of names ("Essex, Derbyshire and Surrey") is not title case.
    public func titleCaseSentences(in document: Document) -> [Bool] {
        let tokens = document.tokens, keys = document.tokenKeys
        return document.sentenceTokenRanges().map { range in
            var capitalized = 0, lower = 0
            for t in range.dropFirst() where tokens[t].kind == .word {
                switch tokens[t].shape {
                case .capitalized where commonWords.contains(keys[t]) || stopwords.contains(keys[t]):
                    capitalized += 1
                case .lower:
                    lower += 1
                default:
                    break
                }
            }
            return capitalized >= 2 && capitalized * 2 > (capitalized + lower)
        }
    }
}
