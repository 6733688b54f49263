"""Every word the handout prints that is not the user's: headings, column names, the
names of kinds, channels, carriers and the ten expectations — each in English and
Spanish (`Text`), so the page follows the cycle's language."""

from __future__ import annotations

from cyclemap.format.diagnostics import Text

from cyclemap.format.words import CARRIER, CHANNEL, DIMENSION, KIND  # noqa: E402,F401  (the format's words)

from cyclemap.format.diagnostics import Severity  # noqa: E402
from cyclemap.outputs.report import SEVERITY_WORDS  # noqa: E402  (one word per severity, everywhere)

SEVERITY = {s.value: SEVERITY_WORDS[s] for s in Severity}

DOC_TITLE = Text("Workshop handout", "Material del taller")
CUSTOMER = Text("Customer", "Cliente")
MOMENTS_COUNT = Text("{n} {n?moment|moments} of truth, {c} critical", "{n} {n?momento|momentos} de verdad, {c} {c?crítico|críticos}")
SERVICE_LEVEL = Text("Service level", "Nivel de servicio")
NO_SCORES = Text("no scores yet: add the report card (`score`) to judge it",
                 "aún sin puntuaciones: añada la libreta de calificaciones (`score`) para juzgarlo")
PARTICIPANT = Text("Participant", "Participante")
DATE = Text("Date", "Fecha")

H_DIAGRAM = Text("The cycle of service", "El ciclo del servicio")
DIAGRAM_CAPTION = Text(
    "The moments of truth in the order the customer lives them; the circle closes when the "
    "customer comes back. Critical moments stand out; marks point at weak points.",
    "Los momentos de verdad en el orden en que el cliente los vive; el círculo se cierra cuando "
    "el cliente vuelve. Los momentos críticos destacan; las marcas señalan los puntos débiles.")
DIAGRAM_MISSING = Text(
    "The diagram could not be drawn on this machine ({reason}). Draw it with "
    "`cyclemap render FILE -o cycle.svg` once rendering is available.",
    "El diagrama no se pudo dibujar en este equipo ({reason}). Dibújelo con "
    "`cyclemap render ARCHIVO -o ciclo.svg` cuando el dibujo esté disponible.")

H_CURVE = Text("Expectation and perception along the cycle", "Expectativa y percepción a lo largo del ciclo")
CURVE_CAPTION = Text(
    "Moments in the customer's order (numbers as in the table). Dashed: what customers expect; "
    "solid: what they say they got (the report card). Orange: the service falls short; green: "
    "it exceeds expectations. Diamonds: critical moments.",
    "Momentos en el orden del cliente (números como en la tabla). Discontinua: lo que el cliente "
    "espera; continua: lo que dice haber recibido (la libreta de calificaciones). Naranja: el "
    "servicio se queda corto; verde: supera las expectativas. Rombos: momentos críticos.")
CURVE_NO_DATA = Text(
    "No moment has an expectation or a score yet, so there is no curve to draw. Add "
    "`expectation` and `score` to the moments (or pass a survey with --ratings).",
    "Ningún momento tiene aún expectativa ni puntuación, así que no hay curva que dibujar. "
    "Añada `expectation` y `score` a los momentos (o pase una encuesta con --ratings).")
CURVE_NO_SCORES = Text(
    "No moment has a score yet: only the expectations are drawn. Ask customers (the "
    "report card) and add `score`, or pass a survey with --ratings.",
    "Ningún momento tiene aún puntuación: solo se dibujan las expectativas. Pregunte a los "
    "clientes (la libreta de calificaciones) y añada `score`, o pase una encuesta con --ratings.")
LEGEND_EXPECTATION = Text("expectation", "expectativa")
LEGEND_SCORE = Text("perception (score)", "percepción (puntuación)")
LEGEND_SHORT = Text("falls short", "se queda corto")
LEGEND_EXCEEDS = Text("exceeds", "supera")
LEGEND_CRITICAL = Text("critical", "crítico")
LEGEND_ROUTINE = Text("routine", "rutina")
CURVE_ARIA = Text("Line chart of expectation and score for each moment",
                  "Gráfico de líneas de expectativa y puntuación de cada momento")

H_IMPORTANCE = Text("What matters and how it goes", "Lo que importa y cómo va")
IMPORTANCE_CAPTION = Text(
    "Each moment by how much customers say it matters (up) and how they rate it (right), split at the "
    "moments' averages: concentrate on the top left.",
    "Cada momento según cuánto dicen los clientes que importa (arriba) y cómo lo califican (derecha), "
    "dividido en los promedios de los momentos: concéntrese arriba a la izquierda.")
H_MOMENTS = Text("The moments of truth", "Los momentos de verdad")
MOMENTS_INTRO = Text(
    "In the order the customer lives them. Use the last column for your own notes: what "
    "you saw, what you would change.",
    "En el orden en que el cliente los vive. Use la última columna para sus notas: lo que "
    "vio, lo que cambiaría.")
COL_NUMBER = Text("#", "#")
COL_MOMENT = Text("Moment · stage · kind", "Momento · etapa · tipo")
COL_CHANNEL = Text("Channel · carried by", "Canal · lo sostienen")
COL_OWNER = Text("Owner", "Responsable")
COL_STANDARD = Text("Standard", "Estándar")
COL_SCORE = Text("Score vs expectation", "Puntuación frente a expectativa")
COL_NOTES = Text("Your notes", "Sus notas")
MISSING_OWNER = Text("no owner", "sin responsable")
MISSING_STANDARD = Text("no standard", "sin estándar")
RESPONSES = Text("{n} {n?answer|answers}", "{n} {n?respuesta|respuestas}")
RECOVERY = Text("If it fails", "Si falla")
SERVES = Text("Serves", "Atiende")
BRANCH_WHEN = Text("if {when} → {to}", "si {when} → {to}")

H_WEAK = Text("Weak points", "Puntos débiles")
WEAK_INTRO = Text(
    "Where this cycle is most likely to lose customers, most serious first.",
    "Donde este ciclo tiene más riesgo de perder clientes, primero lo más grave.")
WEAK_NONE = Text("No weak points found: a good moment to raise the bar.",
                 "No se encontraron puntos débiles: buen momento para subir el listón.")
WHY_THESE = Text("Why these weak points matter", "Por qué importan estos puntos débiles")
WEAK_MORE = Text("… and {n} more {n?finding|findings} on {m} other {m?moment|moments}: `cyclemap critique FILE` lists them all.",
                 "… y {n} {n?hallazgo|hallazgos} más en {m?otro|otros} {m} {m?momento|momentos}: `cyclemap critique ARCHIVO` los muestra todos.")
FIX = Text("What to do", "Qué hacer")
OUR_STEP = Text("Our next step", "Nuestro próximo paso")
WHOLE_CYCLE = Text("The whole cycle", "Todo el ciclo")

H_DISCUSSION = Text("Questions for discussion", "Preguntas para la discusión")
DISCUSSION_INTRO = Text(
    "In small groups: pick two questions, answer them from the customer's side, and bring "
    "one concrete change back to the room.",
    "En grupos pequeños: elijan dos preguntas, respóndanlas desde el lado del cliente y "
    "traigan un cambio concreto a la sala.")
FROM_FINDINGS = Text("From this cycle's weak points", "De los puntos débiles de este ciclo")
FROM_COURSE = Text("From the course", "Del curso")

H_GLOSSARY = Text("Glossary", "Glosario")
FOOTER = Text("Made with cyclemap from {path}.", "Hecho con cyclemap a partir de {path}.")

# The participant's edition: two pages, no codes, no file keys.
P_NOTES_INTRO = Text(
    "For each moment, note what goes well and what goes wrong for the customer, and what you would change.",
    "En cada momento, anote qué sale bien y qué sale mal para el cliente, y qué cambiaría.")
P_COL_MOMENT = Text("Moment", "Momento")
P_COL_SCORE = Text("Score", "Puntuación")
P_QUESTIONS_INTRO = Text("Talk these over in your group and write down what you agree on.",
                         "Convérsenlas en grupo y anoten lo que acuerden.")
P_SCORE = Text("{mark} {score} (expected {exp})", "{mark} {score} (esperado {exp})")
P_SCORE_ONLY = Text("{mark} {score}", "{mark} {score}")
P_NO_SCORE = Text("○ no score yet", "○ sin puntuación")
P_WEAK = Text("weak point {n}", "punto débil {n}")
