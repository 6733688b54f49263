"""The format's words in English and Spanish: the names reports give the enumerated
values (kinds, channels, who carries a moment, the ten expectations), and the Spanish and
natural spellings the reader accepts for them, with the did-you-mean for typos."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata

from cyclemap.format.diagnostics import Text

KIND = {
    "critical": Text("critical", "crítico"),
    "routine": Text("routine", "rutina"),
}
CHANNEL = {
    "face-to-face": Text("face to face", "cara a cara"),
    "phone": Text("phone", "teléfono"),
    "digital": Text("digital", "digital"),
    "mail": Text("mail", "correo"),
    "facilities": Text("facilities", "instalaciones"),
    "self-service": Text("self-service", "autoservicio"),
    "other": Text("other", "otro"),
}
CARRIER = {
    "people": Text("people", "personas"),
    "systems": Text("systems", "sistemas"),
    "both": Text("people and systems", "personas y sistemas"),
}
DIMENSION = {
    "reliability": Text("reliability", "fiabilidad"),
    "responsiveness": Text("responsiveness", "capacidad de respuesta"),
    "competence": Text("competence", "profesionalidad"),
    "courtesy": Text("courtesy", "cortesía"),
    "communication": Text("communication", "comunicación"),
    "credibility": Text("credibility", "credibilidad"),
    "security": Text("security", "seguridad"),
    "understanding": Text("understanding the customer", "comprensión del cliente"),
    "tangibles": Text("tangibles", "elementos tangibles"),
    "access": Text("access", "accesibilidad"),
}


# Spanish (and a few natural) spellings accepted for enumerated values. Keys are
# normalised: lower case, no accents, spaces and underscores as hyphens.
KIND_ALIASES = {
    "rutina": "routine", "rutinario": "routine", "rutinaria": "routine",
    "critico": "critical", "critica": "critical",
}
CHANNEL_ALIASES = {
    "cara-a-cara": "face-to-face", "presencial": "face-to-face",
    "telefono": "phone", "telefonico": "phone",
    "correo": "mail", "correspondencia": "mail",
    "instalaciones": "facilities", "autoservicio": "self-service", "otro": "other",
}
CARRIER_ALIASES = {"personas": "people", "sistemas": "systems", "ambos": "both"}
DIMENSION_ALIASES = {
    "fiabilidad": "reliability", "confiabilidad": "reliability",
    "capacidad-de-respuesta": "responsiveness", "prontitud": "responsiveness",
    "profesionalidad": "competence", "profesionalismo": "competence", "competencia": "competence",
    "cortesia": "courtesy",
    "comunicacion": "communication",
    "credibilidad": "credibility",
    "seguridad": "security",
    "comprension": "understanding", "empatia": "understanding", "empathy": "understanding",
    "conocimiento-del-cliente": "understanding",
    "elementos-tangibles": "tangibles", "tangible": "tangibles",
    "accesibilidad": "access", "acceso": "access", "accessibility": "access",
}
LANGUAGE_ALIASES = {"espanol": "es", "spanish": "es", "ingles": "en", "english": "en",
                    "portugues": "pt", "portuguese": "pt", "pt-br": "pt", "pt_br": "pt"}
# Keys a Spanish speaker may write by habit; the did-you-mean points at the real one.
SPANISH_KEYS = {
    "titulo": "title", "cliente": "customer", "idioma": "language", "escala": "scale",
    "etapas": "stages", "cerrado": "closed", "momentos": "moments", "nombre": "name",
    "tipo": "kind", "etapa": "stage", "canal": "channel", "responsable": "owner",
    "dueno": "owner", "estandar": "standard", "recuperacion": "recovery",
    "dimensiones": "dimensions", "expectativa": "expectation", "puntuacion": "score",
    "nota": "score", "calificacion": "score", "respuestas": "responses", "notas": "notes",
    "siguiente": "next", "ignorar": "ignore", "cuando": "when", "hacia": "to", "volumen": "volume",
}


@functools.lru_cache(maxsize=4096)  # the same few words come back in every moment
def normalise_word(value: str) -> str:
    """'Crítico' -> 'critico', 'Capacidad de respuesta' -> 'capacidad-de-respuesta'."""
    decomposed = unicodedata.normalize("NFKD", value.strip().lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s_]+", "-", plain)


def did_you_mean(word: str, choices: tuple[str, ...] | list[str], aliases: dict[str, str] | None = None) -> str | None:
    norm = normalise_word(word)
    if aliases and norm in aliases:
        return aliases[norm]
    pool = list(choices) + list(aliases or {})
    close = difflib.get_close_matches(norm, pool, n=1, cutoff=0.6)
    if not close:
        return None
    return (aliases or {}).get(close[0], close[0])
