namespace CrmPlatform.Bench.Search;

/// <summary>
/// Words the seed builds customer names from: Brazilian and Romanian company and person names with
/// their accents, a few other countries, and invented brand names (two or three syllables) that make
/// rare search terms. Each list is passed to PostgreSQL beside its folded twin (see SearchText.Fold), so
/// the seeded search_text is what the service would have computed.
/// </summary>
internal static class SeedVocabulary
{
    public static readonly string[] BrazilianActivities =
    [
        "Comércio de Alimentos", "Construtora", "Distribuidora", "Transportes", "Indústria Metalúrgica", "Serviços Médicos",
        "Agropecuária", "Farmácia", "Padaria", "Auto Peças", "Materiais de Construção", "Tecnologia da Informação",
        "Consultoria Contábil", "Engenharia", "Logística", "Confecções", "Móveis", "Supermercado", "Açougue", "Papelaria",
        "Clínica Odontológica", "Escola de Idiomas", "Imobiliária", "Gráfica", "Calçados", "Cerâmica", "Laticínios",
        "Vidraçaria", "Eletrônicos", "Hotelaria",
    ];

    public static readonly string[] RomanianActivities =
    [
        "Construcții", "Transport Marfă", "Distribuție", "Panificație", "Consultanță", "Agricultură", "Farmacie",
        "Logistică", "Mobilă", "Software", "Turism", "Instalații", "Metalurgie", "Comerț", "Tipografie", "Imobiliare",
    ];

    public static readonly string[] OtherActivities =
    [
        "Trading", "Software", "Logistics", "Foods", "Consulting", "Manufacturing", "Health", "Energy", "Textiles", "Media",
    ];

    public static readonly string[] BrazilianSurnames =
    [
        "Silva", "Santos", "Oliveira", "Souza", "Pereira", "Lima", "Carvalho", "Ferreira", "Rodrigues", "Almeida",
        "Gonçalves", "Araújo", "Ribeiro", "Gomes", "Martins", "Rocha", "Barbosa", "Conceição", "Magalhães", "Simões",
        "Brandão", "Damião", "Falcão", "Guimarães", "Loureiro", "Nóbrega", "Peçanha", "Sampaio", "Teixeira", "Vasconcelos",
        "Assunção", "Cortês", "Frazão", "Leitão", "Monção", "Romão", "Tavares", "Valadão", "Xavier", "Zanetti",
    ];

    public static readonly string[] RomanianSurnames =
    [
        "Popescu", "Ionescu", "Popa", "Dumitrescu", "Stan", "Stoica", "Gheorghe", "Rusu", "Munteanu", "Matei",
        "Constantinescu", "Mărgărit", "Șerban", "Țăranu", "Dobre", "Bălan", "Nistor", "Moldovan", "Ciobanu", "Lazăr",
        "Ștefănescu", "Crăciun", "Vlădescu", "Oprea",
    ];

    public static readonly string[] BrazilianFirstNames =
    [
        "Maria", "José", "Ana", "João", "Antônio", "Francisca", "Luís", "Márcia", "Sebastião", "Letícia",
        "Conceição", "Júlio", "Inês", "André", "Flávia", "Caio", "Rafaela", "Vinícius", "Beatriz", "Cecília",
    ];

    public static readonly string[] RomanianFirstNames =
    [
        "Andrei", "Ioana", "Mihai", "Elena", "Ștefan", "Ana", "Bogdan", "Cristina", "Răzvan", "Alexandra",
        "Dănuț", "Ionuț", "Mădălina", "Florin", "Oana", "Tudor",
    ];

    public static readonly string[] OtherFirstNames = ["John", "Mary", "Carlos", "Lucía", "Pedro", "Sofía", "James", "Emma"];

    public static readonly string[] OtherSurnames = ["Smith", "García", "Fernández", "López", "Martínez", "Johnson", "Costa", "Brown"];

    /// <summary>Syllables of the invented brands: 30³ three-syllable brands make terms matching a handful of rows.</summary>
    public static readonly string[] Syllables =
    [
        "ba", "ko", "tu", "vex", "ra", "mi", "lo", "zen", "da", "pi", "sol", "ne", "tra", "qui", "fa",
        "gor", "lu", "ma", "ver", "do", "ti", "sa", "bri", "no", "cam", "pe", "ru", "xa", "vi", "len",
    ];

    public static readonly string[] Segments =
    [
        "smb", "midmarket", "enterprise", "public-sector", "agro", "retail", "industry", "services", "health", "education",
    ];

    public static readonly string[] Tags =
    [
        "vip", "partner", "churn-risk", "newsletter", "expansion", "trial", "reseller", "export",
        "import", "late-payer", "referral", "event-2025", "webinar", "inbound", "outbound", "key-account",
    ];

    public static readonly string[] Stages = ["Lead", "Prospect", "Qualified", "Customer", "Inactive", "Lost"];

    public const int Owners = 200;
}
