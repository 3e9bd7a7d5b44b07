/// Short news-like sentences written for these tests, two per language: a longer one (a paragraph's worth) and a
/// short one (a headline).
enum LanguageSamples {
    static let long: [(language: String, text: String)] = [
        ("en", "The city council voted on Tuesday to build a tram line linking the harbour with the university. Supporters say it will cut travel times for thousands of students."),
        ("de", "Die Stadtwerke haben am Mittwoch angekündigt, die Preise für Fernwärme im kommenden Monat zu senken. Verbraucherschützer begrüßten die Entscheidung."),
        ("fr", "Le conseil régional a confirmé jeudi l'ouverture de trois lycées à la rentrée prochaine. Les élus de l'opposition regrettent le manque d'enseignants."),
        ("es", "El ayuntamiento aprobó el martes un plan para ampliar la red de autobuses nocturnos. Los vecinos llevaban años pidiendo más frecuencias los fines de semana."),
        ("it", "Il consiglio comunale ha approvato ieri il progetto per la nuova biblioteca del quartiere. I lavori dovrebbero cominciare entro la fine dell'anno."),
        ("pt", "O governo anunciou nesta quarta-feira um novo programa de apoio às pequenas empresas. A medida deve beneficiar cerca de vinte mil negócios em todo o país."),
        ("nl", "De gemeenteraad heeft dinsdag ingestemd met de bouw van een nieuwe brug over de rivier. De werkzaamheden beginnen volgend voorjaar en duren twee jaar."),
        ("pl", "Minister rodziny ogłosił w środę program budowy żłobków w małych gminach. Pierwsze wnioski samorządy mogą składać już od przyszłego miesiąca."),
        ("cs", "Stavba nového mostu pro pěší a cyklisty se blíží ke konci a město počítá s jeho otevřením na podzim. Náklady nepřekročí plánovaný rozpočet."),
        ("ru", "Мэрия объявила во вторник, что новая линия метро соединит северные районы с центром города уже в следующем году."),
        ("ja", "市議会は火曜日、駅前に新しい図書館を建設する計画を賛成多数で承認した。総事業費は約三十億円で、二年後の開館を目指す。"),
        ("zh", "市政府周三宣布，将在明年春季开始扩建城市中心公园，新增绿地面积约二十公顷，并修建自行车道和儿童游乐区。"),
        ("sv", "Regeringen presenterade på onsdagen ett nytt förslag om sänkt skatt för pensionärer. Oppositionen kritiserade förslaget som alltför kostsamt."),
        ("tr", "Belediye meclisi salı günü şehir merkezine yeni bir park yapılmasını onayladı. Çalışmaların gelecek yıl başlaması bekleniyor."),
    ]

    static let short: [(language: String, text: String)] = [
        ("en", "Storm closes regional airport for two days"),
        ("de", "Stadtwerke senken die Preise für Fernwärme"),
        ("fr", "La région ouvre trois nouveaux lycées à la rentrée"),
        ("es", "El ayuntamiento amplía los autobuses nocturnos"),
        ("it", "Approvato il progetto della nuova biblioteca"),
        ("pt", "Governo anuncia apoio às pequenas empresas"),
        ("nl", "Gemeenteraad stemt in met nieuwe brug"),
        ("pl", "Rząd zapowiada budowę nowych żłobków"),
        ("cs", "Praha otevře nový most přes Vltavu na podzim"),
        ("ru", "В городе откроют новую линию метро"),
        ("ja", "市議会、新しい図書館の建設計画を承認"),
        ("zh", "市政府宣布扩建城市公园"),
        ("sv", "Regeringen föreslår sänkt skatt för pensionärer"),
        ("tr", "Şehir merkezine yeni park yapılacak"),
    ]
}
