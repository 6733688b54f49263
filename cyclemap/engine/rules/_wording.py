"""Tests on what people wrote in a moment (a standard, an owner, a recovery plan), shared
by the content rules (CM115, CM116, CM117, CM109) so that "measurable", "a named role" and
"options" mean the same in each. Word lists in Spanish, English and Portuguese (a cycle's
own words, in any language cyclemap speaks); matching ignores case and accents."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)  # cycles repeat their owners and standards; 10,000 moments stay fast
def plain(text: str) -> str:
    """Lower case, accents removed: "Atención rápida" -> "atencion rapida"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _any(words: str):
    return re.compile(r"\b(?:" + words + r")\b")


NUMBER_WORDS = ("un|una|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|quince|veinte|treinta|media|"
                "one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|half|first|primer|"
                "primera|segundo|segunda|second|"
                "um|uma|duas|tres|quatro|cinco|seis|sete|oito|nove|dez|quinze|vinte|trinta|meia|primeiro|primeira")
TIME_WORDS = ("s|seg|segundos?|min|minutos?|h|hrs?|horas?|dias?|semanas?|seconds?|minutes?|hours?|days?|weeks?|"
              "antes|despues|within|before|after|inmediatamente|immediately|mismo dia|same day|al momento|"
              "horas?|dias?|semanas?|depois|dentro de|imediatamente|mesmo dia|na hora|no ato")
# Adjectives that describe a wish, not a behaviour anyone can observe or count.
VAGUE_WORDS = ("amable|amabilidad|cordial|cordialidad|rapido|rapida|rapidez|agil|eficiente|eficiencia|buen|buena|"
               "bueno|excelente|excelencia|calidad|adecuad[oa]|adecuadamente|correctamente|bien|atento|atenta|"
               "profesional|oportun[oa]|satisfactori[oa]|friendly|kind|kindly|polite|politely|fast|quick|quickly|"
               "good|great|excellent|quality|properly|correctly|well|efficient|efficiently|nice|courteous|"
               "professional|timely|promptly|appropriate|appropriately|"
               "gentil|gentileza|simpatic[oa]|rapid[oa]|rapidez|agil|eficiente|eficiencia|bom|boa|otim[oa]|"
               "excelente|excelencia|qualidade|adequad[oa]|adequadamente|corretamente|bem|atencios[oa]|"
               "profissional|oportun[oa]|satisfatori[oa]|cordial")
_NUMBER = re.compile(r"\d")
_MEASURE = _any(NUMBER_WORDS + "|" + TIME_WORDS)
_VAGUE = _any(VAGUE_WORDS)


def measurable(text: str) -> bool:
    """A number, a count or a time in words ("within 10 s", "antes del segundo timbre")."""
    t = plain(text)
    return bool(_NUMBER.search(t) or _MEASURE.search(t))


def vague(text: str) -> bool:
    """A wish rather than a standard: no number or time, and either an adjective such as
    "friendly" or "fast", or too few words to describe a behaviour."""
    if measurable(text):
        return False
    t = plain(text)
    return bool(_VAGUE.search(t)) or len(t.split()) < 3


# Owners that are everyone, or no one: nobody in particular answers for the moment.
_NOBODY = re.compile(
    r"^(?:todo el personal|todos|todas|todo el mundo|todo el equipo|el equipo|equipo|el personal|personal|"
    r"cualquiera|cualquier empleado|todos los empleados|los empleados|empleados|nadie|ninguno|por definir|"
    r"pendiente|n/?a|na|tbd|tbc|-|\?|everyone|everybody|all|all staff|the staff|staff|the team|team|anyone|"
    r"any employee|all employees|employees|nobody|no one|none|to be defined|unknown|desconocido|"
    r"todo o pessoal|todos os funcionarios|os funcionarios|funcionarios|todo mundo|toda a equipe|a equipe|equipe|"
    r"o pessoal|qualquer um|qualquer funcionario|ninguem|nenhum|a definir|pendente|desconhecido)\.?$")


def nobody(owner: str) -> bool:
    return bool(_NOBODY.match(plain(owner).strip()))


ROLE_WORDS = ("supervisor|supervisora|gerente|jefe|jefa|encargad[oa]|responsable|coordinador|coordinadora|"
              "director|directora|asesor|asesora|agente|recepcionista|medic[oa]|doctor|doctora|enfermer[oa]|"
              "mesero|mesera|camarero|camarera|cajer[oa]|tecnico|tecnica|anfitrion|anfitriona|ejecutivo|ejecutiva|"
              "administrador|administradora|conserje|maitre|lider|vendedor|vendedora|operador|operadora|"
              "manager|supervisor|agent|host|hostess|waiter|waitress|nurse|doctor|lead|head|clerk|receptionist|"
              "concierge|technician|cashier|officer|representative|staff member|duty manager|specialist|coordinator|"
              "box office|taquilla|front desk|recepcion|"
              "especialista|guardia|guard|chef|cocinero|farmaceutic[oa]|pharmacist|"
              "gerente|chefe|encarregad[oa]|responsavel|coordenador[a]?|diretor[a]?|atendente|consultor[a]?|"
              "recepcionista|medic[oa]|enfermeir[oa]|garcom|garconete|caixa|tecnic[oa]|anfitria|executiv[oa]|"
              "administrador[a]?|porteiro|lider|vendedor[a]?|operador[a]?|farmaceutic[oa]|cozinheir[oa]|"
              "seguranca|bilheteria|gerente de plantao|analista")
OPTION_WORDS = ("ofrece|ofrecer|ofrecemos|opcion|opciones|elige|elegir|escoge|puede elegir|reembolso|devolucion|"
                "devuelve|descuento|cortesia|compensa|compensacion|cambio|cambia|reemplazo|reprograma|"
                "reagenda|bono|vale|sin costo|gratis|o bien|alternativa|offers?|offering|options?|choose|choice|"
                "refund|discount|voucher|replacement|replace|rebook|reschedule|compensat\\w*|free|alternative|"
                "credit|upgrade|offered|otra|otro|another|loan|prestamo|reposicion|repone|lista de espera|"
                "waiting list|on the house|de la casa|respeta|honours|honors|sin que el cliente vuelva|"
                "without the customer coming back|"
                "oferece|oferecer|oferecemos|opcao|opcoes|escolhe|escolher|pode escolher|reembolso|devolucao|"
                "devolve|desconto|cortesia|compensa|compensacao|troca|substituicao|substitui|reagenda|remarca|"
                "vale|sem custo|gratis|gratuito|ou entao|alternativa|outra|outro|emprestimo|reposicao|repoe|"
                "lista de espera|por conta da casa|respeita|sem que o cliente volte|sem que o cliente precise voltar|"
                "sem precisar voltar")
# Information for the customer: one of the six basic needs of an upset customer (seed 003).
INFORM_WORDS = ("aviso|avisa|avisar|informa|informar|mensaje|message|notifica|notify|notified|call-back|callback|"
                "calls|llama|llamada|nueva fecha|new date|explica|explains|tells|"
                "avisa|avisar|informa|informar|mensagem|notifica|liga|ligacao|retorno|nova data|explica")
_ROLE = _any(ROLE_WORDS)
_OPTIONS = _any(OPTION_WORDS)
_INFORMS = _any(INFORM_WORDS)


def names_a_role(text: str) -> bool:
    return bool(_ROLE.search(plain(text)))


def offers_options(text: str) -> bool:
    return bool(_OPTIONS.search(plain(text)))


def recovery_parts(text: str) -> dict[str, bool]:
    """Which of who / when / options / information a recovery plan states."""
    return {"who": names_a_role(text), "when": measurable(text), "options": offers_options(text),
            "information": bool(_INFORMS.search(plain(text)))}
