/// The lower-case words that may stand inside a person's name between capitalised words: "bin", "von der",
/// "da". The one list of them: the word lists flag them for the rules' name runs (`WordLists.nameParticles`),
/// and the entity features join windows across those of `joiningWindows`.
public enum NameParticles {
    /// The particles that also join two capitalised runs into one window of the entity model ("Ludwig van
    /// Beethoven"), with the other connectors (`EntityFeatures.connectors`).
    public static let joiningWindows: Set<String> = ["al", "de", "del", "der", "da", "di", "du", "el", "la", "le", "van", "von", "y"]

    /// Every name particle.
    public static let all: Set<String> = joiningWindows.union(["bin", "ibn", "binti", "das", "dos"])
}
