"""Short news-like paragraphs written for Gazette's charset and language tests (no third-party text).

Each entry: language (ISO 639-1), headline, paragraphs, and the encodings the text is written in besides UTF-8 and
UTF-16. Texts meant for ISO-8859-x or KOI8-R use only characters those charsets have (no curly quotes or dashes).
"""

TEXTS = [
    {
        "id": "en",
        "language": "en",
        "title": "City council approves new tram line after long debate",
        "paragraphs": [
            "The city council voted on Tuesday to build a tram line linking the harbour district with the university, "
            "ending a debate that has lasted almost three years. The project is expected to cost 240 million euros.",
            "Supporters said the line would cut travel times for thousands of students and workers, while opponents "
            "warned that construction would disrupt shops along the main avenue for at least two summers.",
        ],
        "legacy": ["iso-8859-1"],
    },
    {
        "id": "en-typographic",
        "language": "en",
        "title": "Storm closes airport \u2014 flights resume \u201cby Friday\u201d",
        "paragraphs": [
            "Heavy winds forced the regional airport to close on Monday night, and the operator said it hoped to "
            "resume flights \u201cby Friday at the latest\u201d. About 4,000 passengers were affected.",
            "Engineers are inspecting the runway lights \u2014 damaged by falling branches \u2014 and the terminal\u2019s "
            "roof, which lost several panels. Repairs will cost an estimated \u20ac1.2 million.",
        ],
        "legacy": ["windows-1252"],
    },
    {
        "id": "de",
        "language": "de",
        "title": "Stadtwerke senken die Preise für Fernwärme",
        "paragraphs": [
            "Die Stadtwerke haben am Mittwoch angekündigt, die Preise für Fernwärme ab dem kommenden Monat um zwölf "
            "Prozent zu senken. Grund seien die gefallenen Einkaufskosten für Gas, teilte das Unternehmen mit.",
            "Verbraucherschützer begrüßten die Entscheidung, forderten aber eine schnellere Weitergabe künftiger "
            "Preissenkungen. Für einen durchschnittlichen Haushalt bedeutet die Änderung rund 180 Euro weniger im Jahr.",
        ],
        "legacy": ["windows-1252", "iso-8859-1"],
    },
    {
        "id": "fr",
        "language": "fr",
        "title": "La région ouvre trois nouveaux lycées à la rentrée",
        "paragraphs": [
            "Le conseil régional a confirmé jeudi l'ouverture de trois lycées à la rentrée prochaine, dont un établissement "
            "agricole près de la côte. Les travaux ont coûté près de quatre-vingts millions d'euros.",
            "Les élus de l'opposition ont salué ces créations mais regrettent le manque d'enseignants dans les matières "
            "scientifiques. Le rectorat prévoit de recruter une centaine de professeurs contractuels d'ici l'été.",
        ],
        "legacy": ["windows-1252", "iso-8859-1"],
    },
    {
        "id": "fr-typographic",
        "language": "fr",
        "title": "Le chœur de l’opéra en grève",
        "paragraphs": [
            "Les choristes de l’opéra municipal ont voté une grève de quarante-huit heures, mettant en péril la "
            "première d’« Œdipe », prévue samedi. Ils réclament une revalorisation de leurs salaires.",
            "La direction assure qu’un accord reste possible et propose une prime exceptionnelle… que les syndicats "
            "jugent insuffisante.",
        ],
        "legacy": ["windows-1252"],
    },
    {
        "id": "pl",
        "language": "pl",
        "title": "Rząd zapowiada budowę nowych żłobków w małych miastach",
        "paragraphs": [
            "Minister rodziny ogłosił w środę program budowy żłobków w gminach, w których dotąd nie było żadnej "
            "placówki opieki nad dziećmi. Pierwsze wnioski samorządy mogą składać już od przyszłego miesiąca.",
            "Według szacunków resortu z nowych miejsc skorzysta około dwudziestu tysięcy rodzin. Eksperci zwracają "
            "jednak uwagę, że brakuje wykwalifikowanych opiekunek, a płace w tym zawodzie są niskie.",
        ],
        "legacy": ["iso-8859-2", "windows-1250"],
    },
    {
        "id": "cs",
        "language": "cs",
        "title": "Praha otevře nový most přes Vltavu na podzim",
        "paragraphs": [
            "Stavba nového mostu pro pěší a cyklisty se blíží ke konci a hlavní město počítá s jeho otevřením "
            "na podzim. Most spojí dvě čtvrti, mezi kterými dosud jezdil jen přívoz.",
            "Radní uvedli, že náklady nepřekročí plánovaných šest set milionů korun. Kritici však upozorňují, "
            "že stavba se oproti původnímu harmonogramu zpozdila o více než rok.",
        ],
        "legacy": ["iso-8859-2", "windows-1250"],
    },
    {
        "id": "ru",
        "language": "ru",
        "title": "В городе откроют новую линию метро",
        "paragraphs": [
            "Мэрия объявила во вторник, что новая линия метро соединит северные районы с центром города уже в "
            "следующем году. На строительство выделено более сорока миллиардов рублей.",
            "Жители окраин давно жаловались на переполненные автобусы и пробки. По словам чиновников, новая линия "
            "сократит время в пути для сотен тысяч пассажиров почти вдвое.",
        ],
        "legacy": ["koi8-r", "windows-1251"],
    },
    {
        "id": "ja",
        "language": "ja",
        "title": "市議会、新しい図書館の建設計画を承認",
        "paragraphs": [
            "市議会は火曜日、駅前に新しい図書館を建設する計画を賛成多数で承認した。総事業費は約三十億円で、"
            "二年後の開館を目指す。",
            "新しい図書館には子ども向けの読書室や学習スペースが設けられる予定だ。市長は「市民が気軽に集まれる"
            "場所にしたい」と話した。",
        ],
        "legacy": ["shift_jis", "euc-jp"],
    },
    {
        "id": "zh",
        "language": "zh",
        "title": "市政府宣布扩建城市公园",
        "paragraphs": [
            "市政府周三宣布，将在明年春季开始扩建城市中心公园，新增绿地面积约二十公顷，并修建自行车道和儿童游乐区。",
            "有关负责人表示，项目总投资约为五亿元，预计两年内完工。附近居民普遍对这一计划表示欢迎，"
            "但也有人担心施工期间的噪音问题。",
        ],
        "legacy": ["gb18030", "gbk"],
    },
]
