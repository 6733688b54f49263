"""The words for the format's enumerated values (kinds, channels, who carries a moment,
the ten expectations), in English and Spanish, for every report that names them."""

from __future__ import annotations

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
