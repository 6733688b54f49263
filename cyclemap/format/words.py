"""The format's words: the names reports give the enumerated values (kinds, channels,
who carries a moment, the ten expectations), said through the catalogue in the reader's
language, and the Spanish, Portuguese and natural spellings the reader accepts for them,
with the did-you-mean for typos."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata

from cyclemap.format.i18n import _p

# The names reports give the enumerated values, through the catalogue. Each has a context:
# the same English word ("other", "access", "critical") means something else elsewhere.
KIND = {
    "critical": _p("kind of moment", "critical"),
    "routine": _p("kind of moment", "routine"),
}
CHANNEL = {
    "face-to-face": _p("channel", "face to face"),
    "phone": _p("channel", "phone"),
    "digital": _p("channel", "digital"),
    "mail": _p("channel", "mail"),
    "facilities": _p("channel", "facilities"),
    "self-service": _p("channel", "self-service"),
    "other": _p("channel", "other"),
}
CARRIER = {
    "people": _p("who carries a moment", "people"),
    "systems": _p("who carries a moment", "systems"),
    "both": _p("who carries a moment", "people and systems"),
}
DIMENSION = {
    "reliability": _p("expectation of service", "reliability"),
    "responsiveness": _p("expectation of service", "responsiveness"),
    "competence": _p("expectation of service", "competence"),
    "courtesy": _p("expectation of service", "courtesy"),
    "communication": _p("expectation of service", "communication"),
    "credibility": _p("expectation of service", "credibility"),
    "security": _p("expectation of service", "security"),
    "understanding": _p("expectation of service", "understanding the customer"),
    "tangibles": _p("expectation of service", "tangibles"),
    "access": _p("expectation of service", "access"),
}


# Spanish, Portuguese (and a few natural) spellings accepted for enumerated values. Keys
# are normalised: lower case, no accents, spaces and underscores as hyphens.
KIND_ALIASES = {
    "rutina": "routine", "rutinario": "routine", "rutinaria": "routine",
    "critico": "critical", "critica": "critical",
    "rotina": "routine", "rotineiro": "routine", "rotineira": "routine",
}
CHANNEL_ALIASES = {
    "cara-a-cara": "face-to-face", "presencial": "face-to-face",
    "telefono": "phone", "telefonico": "phone",
    "correo": "mail", "correspondencia": "mail",
    "instalaciones": "facilities", "autoservicio": "self-service", "otro": "other",
    "telefone": "phone", "correio": "mail", "instalacoes": "facilities", "autoatendimento": "self-service",
    "outro": "other",
}
CARRIER_ALIASES = {"personas": "people", "sistemas": "systems", "ambos": "both", "pessoas": "people"}
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
    # Portuguese
    "confiabilidade": "reliability", "capacidade-de-resposta": "responsiveness", "presteza": "responsiveness",
    "credibilidade": "credibility", "seguranca": "security", "compreensao-do-cliente": "understanding",
    "elementos-tangiveis": "tangibles", "tangiveis": "tangibles", "acessibilidade": "access", "acesso": "access",
    "comunicacao": "communication", "compreensao": "understanding", "profissionalismo": "competence",
    "profissionalidade": "competence", "competencia-profissional": "competence", "cortesia-no-atendimento": "courtesy",
    "fiabilidade": "reliability", "responsividade": "responsiveness", "empatia-com-o-cliente": "understanding",
    "conhecimento-do-cliente": "understanding", "entendimento-do-cliente": "understanding",
    "tangibilidade": "tangibles", "aspectos-tangiveis": "tangibles",
    # Spanish, more spellings; English as the reports name them
    "comprension-del-cliente": "understanding", "empatia-con-el-cliente": "understanding",
    "entendimiento-del-cliente": "understanding", "tangibilidad": "tangibles", "aspectos-tangibles": "tangibles",
    "respuesta": "responsiveness", "capacidad-de-respuesta-rapida": "responsiveness",
    "understanding-the-customer": "understanding", "knowing-the-customer": "understanding",
}
# The voices a moment may collect (`collects:`), in Spanish and Portuguese as the seeds name them.
VOICE_ALIASES = {
    "queja": "complaint", "quejas": "complaint", "reclamo": "claim", "reclamos": "claim",
    "reclamacion": "claim", "sugerencia": "suggestion", "sugerencias": "suggestion", "encuesta": "survey",
    "reclamacao": "complaint", "reclamacoes": "complaint", "sugestao": "suggestion", "sugestoes": "suggestion",
    "pesquisa": "survey", "complaints": "complaint", "claims": "claim", "suggestions": "suggestion",
}
LANGUAGE_ALIASES = {"espanol": "es", "spanish": "es", "ingles": "en", "english": "en", "espanhol": "es",
                    "portugues": "pt", "portuguese": "pt", "pt-br": "pt", "portugues-do-brasil": "pt"}
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


def certain_fix(word: str, choices: tuple[str, ...] | list[str], aliases: dict[str, str] | None = None) -> str:
    """The correction an editor may apply without asking: the word's accepted spelling
    (an alias), or the one choice close to it (two close ones: no certainty). "" else."""
    norm = normalise_word(word)
    if aliases and norm in aliases:
        return aliases[norm]
    pool = list(choices) + list(aliases or {})
    close = {(aliases or {}).get(c, c) for c in difflib.get_close_matches(norm, pool, n=3, cutoff=0.6)}
    return close.pop() if len(close) == 1 else ""


def did_you_mean(word: str, choices: tuple[str, ...] | list[str], aliases: dict[str, str] | None = None) -> str | None:
    norm = normalise_word(word)
    if aliases and norm in aliases:
        return aliases[norm]
    pool = list(choices) + list(aliases or {})
    close = difflib.get_close_matches(norm, pool, n=1, cutoff=0.6)
    if not close:
        return None
    return (aliases or {}).get(close[0], close[0])
