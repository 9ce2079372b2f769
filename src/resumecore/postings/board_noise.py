"""Page furniture of the job boards people copy postings from, as data.

``LINE_NOISE`` are whole lines that say nothing about the job (buttons, menus, counters, ratings);
``SEGMENT_NOISE`` are parts of a " · "-separated meta line ("3 days ago", "87 applicants");
``TAIL_START`` are lines after which only furniture follows (similar jobs, application forms).
Patterns are matched case-insensitively against a whole stripped line or segment.
"""

from __future__ import annotations

_AGO = r"(?:re)?(?:posted )?(?:\d+\+? |an? |one )?(?:minutes?|hours?|days?|weeks?|months?) ago"
_APPLICANTS = r"(?:over |more than )?\d[\d,]*\+? (?:applicants?|people clicked apply)"

LINE_NOISE: tuple[str, ...] = (
    # LinkedIn
    r"easy apply|apply|apply now|save|saved|share|show more(?: options)?|show less|"
    r"…?\s*(?:show|see) more|show match details|tailor my resume|about the job|"
    r"promoted(?: by hirer)?|actively (?:reviewing|recruiting)(?: applicants)?|"
    r"responses managed off linkedin|skip to (?:main content|search)|jobs|home|my network|"
    r"messaging|notifications|me|for business|try premium.*|\d+ notifications? total|"
    r"meet the hiring team|job poster(?: · .*)?|your profile is missing .*|see how you compare.*|"
    r"see who you know|(?:entry|mid-senior|associate|director|executive|internship) level|"
    r"mid-senior level|seniority level|job function|industries|"
    r"\d+(?:st|nd|rd|th)|\d+(?:st|nd|rd|th) degree connection",
    # LinkedIn in German
    r"zum hauptinhalt springen|startseite|mein netzwerk|nachrichten|benachrichtigungen|ich|"
    r"für unternehmen|premium .*testen.*|einfach bewerben|bewerben|speichern|gespeichert|teilen|"
    r"mehr anzeigen|weniger anzeigen|info|vom arbeitgeber beworben|"
    r"bewerbungen werden außerhalb von linkedin verwaltet|"
    r"(?:einstiegslevel|berufserfahren|praktikum|direktor|geschäftsführung)|"
    r"lernen sie das einstellungsteam kennen|jobanbieter(?: · .*)?|"
    r"\d+ benachrichtigungen? insgesamt",
    # Indeed
    r"apply on company site|job details|here's how the job details align with your profile\.?|"
    r"pulled from the full job description|profile insights|\d(?:\.\d)? out of 5 stars|"
    r"shift and schedule|\d+ hour shift|(?:day|night|evening|2nd|3rd|"
    r"1st|second|third|first|overnight|weekend) shift|weekends? as needed|weekend availability|"
    r"monday to friday|every weekend|overtime|holidays|on call|not provided by employer|"
    r"report job|indeed's salary guide|verified by employer|in person|hiring multiple candidates|"
    r"urgently hiring|easily apply|responsive employer|"
    r"responded to \d+% or more applications.*|typically responds within .*",
    # Glassdoor
    r"glassdoor|community|companies|salaries|for employers|sign in|sign up|"
    # "Glassdoor Australia", "Indeed UK": a board's national site.
    r"(?:glassdoor|indeed|linkedin|seek|jora) (?:[A-Z][a-z]+(?: [A-Z][a-z]+)?|UK|US|USA|UAE)|"
    r"\d(?:\.\d)? ★|\(employer est\.\)|rating by category|"
    r"(?:work/life balance|culture & values|diversity & inclusion|career opportunities|"
    r"compensation and benefits|senior management) \d\.\d ★|"
    r"company overview|size: .*|revenue: .*|type: company - .*|founded: \d{4}",
    # Workday, Greenhouse, Lever, Ashby, county boards
    r"search for jobs|careers|posted (?:today|yesterday|\d+\+? days? ago)|apply for this job|"
    r"submit (?:your )?application|"
    r"powered by (?:greenhouse|lever|ashby|workday)|jobs powered by lever|select\.\.\.|"
    r"application|view all jobs|back to jobs|print\s+apply|"
    r"← (?:all|back to) .*|all vacancies|job alerts|print|apply\s+print\s+job alerts|"
    r"sign in \| register \| job alerts|job alerts\s+sign in\s+apply",
    # Workday and careers pages in German
    r"nach jobs suchen|stellen suchen|jobs suchen|anmelden|registrieren|karriere|"
    r"jetzt bewerben|zur(?:ück zur)? (?:stellen)?übersicht|alle stellen(?:angebote)?",
    # ... in Spanish, French and Dutch; "skip to main content" links in any of them.
    r"buscar empleos|iniciar sesión|postularse|postular|publicado hace \d+ días?|"
    r"rechercher des offres|se connecter|postuler|vacatures zoeken|inloggen|solliciteer|"
    r"skip to (?:main )?content|ir al contenido(?: principal)?|aller au contenu(?: principal)?|"
    r"zum inhalt(?: springen)?|naar de inhoud",
    # Cookie banners of careers pages, in English and German.
    r"linkedin|indeed|indeed\.com|ziprecruiter|monster|seek|totaljobs|reed\.co\.uk|stepstone|"
    r"(?:this|our|diese|unsere) (?:website|site|webseite|seite) (?:uses|verwendet|nutzt) cookies.*|"
    r"we use cookies.*|wir verwenden cookies.*|select language\W*|translate this page",
    # E-mail: headers and greetings ("Hi Sam,", "Morning Callum,") say nothing about the job.
    r"(?:from|sent|to|cc|date|reply-to|an|von|gesendet|van|aan|verzonden|de|para|enviado|"
    r"envoyé|à|da|inviato): .*|"
    r"(?:hi|hello|hey|hallo|dear|morning|good morning|good afternoon|afternoon|evening|"
    r"guten tag|moin|bonjour|hola|hoi|beste|ciao|olá|hej|buongiorno|buenos días)"
    r"\b[\w .'-]{0,30}[,!]?|hope (?:you're|you are|your) .{0,40}[.!]",
    # HN
    r"reply|\[[-+\u2013]\]|parent|next|prev|\w+ \d+ (?:minutes?|hours?|days?) ago(?: .*)?",
)
SEGMENT_NOISE: tuple[str, ...] = (
    _AGO,
    r"vor (?:\d+|einer?|einem) (?:minuten?|stunden?|tag(?:en)?|wochen?|monat(?:en)?)",
    r"(?:über |mehr als )?\d[\d.]*\+? bewerber(?::innen|innen)?",
    r"vom arbeitgeber beworben",
    r"(?:vor (?:\d+|einer?|einem) (?:tag(?:en)?|wochen?|monat(?:en)?)|heute|gestern) "
    r"veröffentlicht",
    r"bewerbungen werden außerhalb von linkedin verwaltet",
    _APPLICANTS,
    r"promoted(?: by hirer)?",
    r"actively (?:reviewing|recruiting)(?: applicants)?",
    r"responses managed off linkedin",
    r"easy apply",
    r"no longer accepting applications",
)
# A label on a line of its own whose value is the next line ("Location" / "Reno, NV"); the value
# is read as a fact and both lines leave the body, except pay lines, which the salary finder reads.
FACT_LABELS: tuple[str, ...] = (
    "location",
    "locations",
    "job type",
    "employment type",
    "time type",
    "location type",
    "department",
    "posted on",
    "job requisition id",
    "pay",
    "compensation",
    "salary",
    "company",
    "job title",
    "standorte",
    "standort",
    "arbeitszeit",
    "beschäftigungsart",
    "veröffentlicht",
    "stellenausschreibungs-id",
    "ubicaciones",
    "tipo de tiempo",
    "publicado el",
    "id de solicitud de empleo",
    "localisations",
    "type de temps",
    "publié le",
    "locaties",
)
KEEP_VALUE = frozenset({"pay", "compensation", "salary"})

TAIL_START: tuple[str, ...] = (
    r"similar jobs|set alert for similar jobs|people also viewed|report job|"
    r"indeed's salary guide|powered by (?:greenhouse|lever|ashby|workday)|jobs powered by lever|"
    r"voluntary self-identification.*|submit application|© \d{4} workday.*|"
    r"more jobs (?:like this|from .*)|see more jobs.*|first name\s*\*?|resume/cv\s*\*?|reply|"
    r"ähnliche (?:jobs|stellen(?:angebote)?)|© \d{4} workday.*",
)
