/// The lower-case words that may stand inside a person's name between capitalised words: "bin", "von der",
/// "da". The one list of them: the word lists flag them for the rules' name runs (`WordLists.nameParticles`),
/// and the entity features join windows across those of `joiningWindows`.
public enum NameParticles {
    /// The particles that also join two capitalised runs into one window of the entity model ("Ludwig van
    /// Beethoven"), with the other connectors (`EntityFeatures.connectors`)
    /// ("Erik ten Hag", "José Eduardo dos Santos", "Mohammed bin Salman").
    public static let joiningWindows: Set<String> = [
        "al", "bin", "da", "de", "del", "den", "der", "di", "dos", "du", "el", "ibn", "la", "le", "ten", "ter", "van", "von", "y",
    ]

    /// Every name particle.
    public static let all: Set<String> = joiningWindows.union(["binti", "das"])
}
