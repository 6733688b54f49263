"""The concepts the content facts turn on, as lemmas (dictionary forms) in Spanish,
Portuguese and English. Inflected forms are not listed: simplemma's dictionaries map
them to these lemmas (`lemmas.py`). Entries are compared without accents and in lower
case; an entry with spaces is a phrase, matched on the lemmatised words in order.

This is the one place in cyclemap that holds words for what people write in a cycle's
free-text fields; the rules ask `cyclemap.engine.content` and keep no lists of their own.
"""

from __future__ import annotations

from cyclemap.engine.content.lexicon_standards import (  # noqa: F401 - every concept is read from here
    ABOVE,
    ACCEPTED,
    ALL_OF,
    AT_MOST,
    AVOID,
    BEATS,
    BEHAVIOUR,
    BUDGET,
    CANCEL,
    CHOICE,
    CLOSE_RECORD,
    COMPLAINT,
    DEADLINE,
    ESCALATE,
    EVENT,
    EXTRA,
    GENERIC_START,
    GIVE_BACK,
    HAND_OVER,
    HUMAN_HELP,
    INFORM,
    INTERACTION,
    KNOW,
    LIMIT,
    MONEY,
    OBSERVABLE_STATE,
    ONLY_IF,
    OUTCOME,
    ORG_GOALS,
    PER,
    PRODUCT,
    PURCHASE,
    REDUCE,
    REMEDY,
    SHORT,
    SOON,
    TIME_UNIT,
    WISH,
    WITHOUT,
)
from cyclemap.engine.content.lexicon_words import words as _words

# -- who acts ------------------------------------------------------------------------

# One role: a job in the organisation chart, or a post held by one person at a time.
ROLE = _words(
    # es
    "jefe|jefa|gerente|subgerente|supervisor|supervisora|coordinador|coordinadora|director|directora|encargado|"
    "responsable|lider|asesor|asesora|ejecutivo|ejecutiva|agente|analista|tecnico|tecnica|recepcionista|cajero|"
    "cajera|mesero|mesera|mozo|moza|camarero|camarera|maitre|capitan|chef|cocinero|cocinera|enfermero|enfermera|"
    "medico|medica|doctor|doctora|farmaceutico|farmaceutica|conserje|portero|guardia|vigilante|administrador|"
    "administradora|auxiliar|asistente|operador|operadora|vendedor|vendedora|dependiente|consultor|consultora|"
    "especialista|ingeniero|ingeniera|instructor|instructora|profesor|profesora|docente|tutor|tutora|rector|"
    "decano|secretario|secretaria|anfitrion|anfitriona|acomodador|taquillero|chofer|conductor|repartidor|"
    "mensajero|mecanico|ajustador|perito|abogado|notario|oficial|cajero principal|titular del area|jefe de turno|"
    "gerente de turno|dueno|duena|propietario|ombudsman|defensor del cliente|gestor|gestora|promotor|"
    "sommelier|barista|bartender|gte|sup|coord|dir|ejec|adm|resp|"
    # pt
    "chefe|gerente|supervisora|coordenador|coordenadora|diretor|diretora|encarregado|encarregada|responsavel|"
    "consultor|executivo|executiva|atendente|analista|tecnico|tecnica|recepcionista|caixa|garcom|garconete|"
    "maitre|cozinheiro|cozinheira|enfermeiro|enfermeira|medico|medica|farmaceutico|farmaceutica|porteiro|"
    "seguranca|vigia|administrador|auxiliar|assistente|operador|vendedor|vendedora|especialista|engenheiro|"
    "engenheira|instrutor|professor|professora|tutor|reitor|secretario|secretaria|anfitriao|anfitria|"
    "lanterninha|bilheteiro|motorista|entregador|mensageiro|mecanico|perito|advogado|tabeliao|gestor|dono|"
    "dona|proprietario|ouvidor|ouvidoria|promotor|enfermeira-chefe|chefe de sala|"
    # en
    "manager|supervisor|coordinator|director|head|lead|leader|officer|agent|advisor|adviser|analyst|technician|"
    "engineer|receptionist|cashier|teller|waiter|waitress|server|host|hostess|maitre d|chef|cook|nurse|sister|"
    "matron|doctor|physician|pharmacist|concierge|porter|doorman|guard|administrator|assistant|operator|"
    "salesperson|clerk|consultant|specialist|instructor|teacher|tutor|principal|dean|secretary|usher|driver|"
    "courier|mechanic|adjuster|assessor|lawyer|representative|rep|executive|owner|ombudsman|steward|stewardess|"
    "underwriter|sommelier|barista|bartender|mgr|sup|coord|exec|admin|captain|chief|foreman|superintendent|"
    "staff member|team leader|team lead|store lead|duty manager|account manager|"
    "presidente|presidenta|chair|chairman|chairwoman|chairperson"
)
# The organisation's suppliers: an exchange with them happens without the customer.
SUPPLIER = _words("proveedor|proveedores|fornecedor|fornecedores|supplier|suppliers|vendor|vendors|insumos|supplies|"
                  # what the organisation buys to work with: its inputs, never the customer's purchase
                  "repuesto|repuestos|peca de reposicao|pecas|spare part|spare parts|materia prima|materias primas|"
                  "raw material|raw materials|suministros|suprimentos|material de escritorio|office supplies")
# Handing a case or an account over: to a unit, it happens inside the organisation.
TRANSFER = _words("traspaso|traspasar|transferencia|transferir|derivacion|derivar|pase|encaminhamento|encaminhar|"
                  "repasse|transfer|handoff|hand-off|handed|hand|passed")
# Roles that work out of the customer's sight: what they do alone is a backstage step.
BACK_ROLE = _words(
    "contador|contadora|contable|auditor|auditora|comprador|compradora|programador|desarrollador|"
    "contabilista|desenvolvedor|almoxarife|"
    "accountant|auditor|buyer|developer|programmer|bookkeeper")
# Words that make the next actor "any" or "all": nobody in particular.
EVERYONE = _words(
    "todo|todos|toda|todas|cualquier|cualquiera|quien|quienquiera|nosotros|todo el mundo|cada uno|"
    "qualquer|quem|nos|todo mundo|cada um|toda a gente|"
    "all|every|everyone|everybody|any|anyone|anybody|whoever|whole|entire|us|we|each|entero|entera|inteiro|inteira|"
    "varios|varias|diversos|diversas|various|several|multiple"
)
# A whole group of people: nobody in particular answers for what a group owns.
TEAM = _words(
    "equipo|personal|plantilla|cuadrilla|colaborador|empleado|trabajador|gente|grupo|brigada|"
    "equipe|time|pessoal|colaborador|funcionario|trabalhador|turma|"
    "team|staff|crew|employee|worker|people|personnel|workforce|squad|colleague|member|members"
    # a shift or duty roster: whoever is on it
    "|turno|shift|folks|guys|lot|los de|las de|os de|as de|guardia medica|plantao medico|tier|nivel|level"

    "|plantao|plantoes|escala de plantao")
# Words that are a group of people in one sense only ("el turno de noche", a shift) and a thing
# in another ("perder el turno", one's place in the queue): a team unless a verb or a
# possessive governs them.
SENSE_TEAM = frozenset({"turno", "turnos", "shift", "shifts", "time", "tier", "nivel", "level", "lot", "plantao"})
POSSESSIVE = frozenset({"su", "sus", "seu", "sua", "seus", "suas", "your", "their", "his", "her", "its", "mi", "meu",
                        "my", "nuestro", "nosso", "our"})
# A unit of the organisation chart: a department, an area, an office.
DEPARTMENT = _words(
    "area|departamento|dpto|depto|sector|gerencia|gcia|jefatura|direccion|administracion|operaciones|"
    "recursos humanos|rrhh|sistemas|call center|contact center|centro de llamadas|central|mesa de ayuda|"
    "help desk|service desk|back office|backoffice|compras|logistica|finanzas|contabilidad|cobranza|cobranzas|"
    "ventas|marketing|mercadeo|legal|juridico|calidad|housekeeping|limpieza|cocina|almacen|bodega|laboratorio|"
    "facturacion|auditoria|comite|recepcion|front desk|front office|tesoreria|soporte|atencion al cliente|"
    "servicio al cliente|organizacion|empresa|compania|matriz|oficina central|planta|aseguradora|taller|"
    "mantenimiento|seguridad|informatica|tecnologia|riesgos|credito|creditos|postventa|sucursal|agencia|"
    "gerencia general|direccion general|division|unidad|oficina|"
    "setor|gerencia|chefia|diretoria|administracao|operacoes|rh|central de atendimento|sac|logistica|expedicao|"
    "financeiro|financas|contabilidade|cobranca|vendas|comercial|juridico|qualidade|limpeza|cozinha|"
    "almoxarifado|estoque|laboratorio|faturamento|auditoria|comite|recepcao|tesouraria|suporte|organizacao|"
    "empresa|companhia|seguradora|oficina|manutencao|informatica|tecnologia|credito|pos-venda|agencia|"
    "ti|gerencia|taquilla|bilheteria|box office|ticket office|"
    "department|dept|division|unit|office|operations|hr|human resources|it|call centre|contact centre|"
    "support|purchasing|procurement|logistics|finance|accounting|accounts|collections|sales|marketing|legal|"
    "quality|kitchen|warehouse|stockroom|storeroom|lab|laboratory|billing|audit|committee|reception|treasury|"
    "management|organisation|organization|company|head office|headquarters|plant|insurer|workshop|garage|"
    "maintenance|security|technology|risk|credit|after-sales|branch|customer service|customer care|"
    "customer support|front office|board|administration|dispatch|shipping|underwriting|claims"
    # a discipline or a whole establishment: everyone in it
    "|enfermeria|enfermagem|nursing|farmacia|pharmacy|radiologia|radiology|urgencias|emergencias|pronto socorro|"
    "emergency room|escritorio|tienda|loja|store|shop|clinica|clinic|colegio|escuela|escola|school|"
    "secretaria academica|registry|portaria|conserjeria|filial|filiales|subsidiary|"
    "atencion al publico|atendimento ao publico|public counter|front counter|hospital|hotel|"
    "leadership|liderazgo|lideranca|senior management|alta direccion|alta gerencia|alta direcao|"
    "mesa de entradas|protocolo geral|back|ops"

    # a function named as a unit: "Servicio técnico", "Guest Relations", "Admissions"
    "|servicio tecnico|assistencia tecnica|field service|technical service|experiencia del cliente|"
    "experiencia do cliente|customer experience|cx|relaciones con|relacoes com|guest relations|member services|"
    "patient services|admision|admisiones|admissao|admissions|facilities|engineering|ingenieria|engenharia|"
    "nominas|payroll|contraloria|controladoria|comptroller|mesa de partes|mesa de entrada")
# Acronyms that name a department only when written in capitals (IT is also "it").
DEPARTMENT_CAPITALS = frozenset({"IT", "TI", "HR", "RH", "RRHH", "SAC"})
# A machine or program acting alone.
SYSTEM = _words(
    "sistema|aplicacion|app|ivr|chatbot|bot|web|portal|sitio|pagina|kiosko|totem|maquina|crm|erp|software|"
    "plataforma|cajero automatico|"
    "aplicativo|ura|site|quiosque|maquina|caixa eletronico|"
    "system|application|website|kiosk|machine|atm|platform|robot|automated"
)
HONORIFIC = _words("sr|sra|srta|dr|dra|don|dona|seu|mr|mrs|ms|miss|sir|madam|lic|ing")
# The owner is not there yet: a placeholder or an explicit absence.
PLACEHOLDER = _words(
    "tbd|tbc|tba|na|n/a|nd|pendiente|definir|asignar|designar|nadie|ninguno|ninguna|desconocido|sin responsable|"
    "sin asignar|sin dueno|aun|todavia|"
    "pendente|a definir|a designar|ninguem|nenhum|nenhuma|desconhecido|sem responsavel|ainda|"
    "pending|nobody|none|no one|noone|unknown|unassigned|not assigned|to be assigned|to be defined|"
    "to be confirmed|to be determined|yet|no owner|open|"
    "confirmar|a confirmar|por confirmar|indefinido|indefinida|undecided|undefined|to confirm|sem dono|"
    "por enquanto|por ahora|for now"

    # a post not filled yet
    "|vacante|vaga|vaga em aberto|vacancy|vacant|position open|open position|a contratar|por contratar|"
    "to be hired|pending hire|em contratacao|en contratacion|sin cubrir|not filled|unfilled")

# -- the customer ----------------------------------------------------------------------

CUSTOMER = _words(
    "cliente|paciente|huesped|usuario|pasajero|comensal|alumno|estudiante|socio|visitante|ciudadano|"
    "consumidor|comprador|asegurado|titular|beneficiario|contribuyente|abonado|suscriptor|viajero|espectador|"
    "cuentahabiente|familiar|interesado|solicitante|"
    "hospede|passageiro|aluno|socio|cidadao|segurado|assinante|correntista|viajante|"
    "customer|client|patient|guest|user|passenger|diner|student|member|visitor|citizen|consumer|buyer|"
    "policyholder|holder|beneficiary|taxpayer|subscriber|traveller|traveler|spectator|caller|applicant|shopper"
)
# Pronouns that stand for the customer in a moment's name or a recovery plan.
CUSTOMER_PRONOUN = _words("le|les|usted|ustedes|lhe|lhes|voce|voces|ele|ela|eles|elas|him|her|them|you|your")
# Places that are the customer's own: work done there is done with the customer.
CUSTOMER_PLACE = _words(
    "su casa|su domicilio|su hogar|domicilio del cliente|casa do cliente|sua casa|seu domicilio|"
    "customer's home|their home|your home|at home|em casa|en casa|"
    # the service points where the customer is served
    "en la mesa|na mesa|at the table|en la puerta|na porta|at the door|en el mostrador|no balcao|at the counter|"
    "en ventanilla|no guiche|at the window|at the till|en recepcion|na recepcao|at reception|consultorio|"
    "consulting room|exam room"
)
# A channel the customer is reached on: a step done over it is a contact.
CHANNEL = _words("por telefono|pelo telefone|por telefone|by phone|over the phone|por whatsapp|pelo whatsapp|"
                 "on whatsapp|por chat|pelo chat|by chat|via chat")

# -- what is done ---------------------------------------------------------------------

# Work out of the customer's sight: a process step, as a verb or as a noun.
INTERNAL_WORK = _words(
    "validar|validacion|procesar|procesamiento|conciliar|conciliacion|revisar|revision|evaluar|evaluacion|"
    "preparar|preparacion|archivar|archivo|generar|cargar|registrar|registro|aprobar|aprobacion|diagnosticar|"
    "asignar|asignacion|emitir|emision|coordinar|coordinacion|limpiar|limpieza|enviar|envio|redactar|verificar|"
    "verificacion|firmar|imprimir|impresion|analizar|analisis|investigar|investigacion|reunir|reunion|auditar|"
    "consolidar|digitar|digitalizar|escanear|clasificar|ordenar|despachar|despacho|facturar|liquidar|liquidacion|"
    "autorizar|autorizacion|programar|planificar|planificacion|rutear|actualizar|capturar|compilar|cotejar|"
    "validacao|processar|processamento|conciliar|conciliacao|revisar|revisao|avaliar|avaliacao|preparar|"
    "arquivar|arquivamento|gerar|lancar|lancamento|registrar|aprovar|aprovacao|diagnosticar|diagnostico|"
    "atribuir|designar|designacao|emitir|coordenar|limpar|enviar|envio|redigir|conferir|assinar|imprimir|"
    "impressao|analisar|analise|investigar|reuniao|auditar|separar|separacao|roteirizar|roteirizacao|digitalizar|"
    "faturar|autorizar|agendar internamente|atualizar|triagem|"
    "validate|validation|process|processing|reconcile|reconciliation|review|assess|assessment|evaluate|prepare|"
    "archive|generate|post|log|record|approve|approval|diagnose|diagnosis|assign|allocate|allocation|issue|"
    "coordinate|clean|send|write up|draft|verify|verification|sign|print|analyse|analyze|analysis|investigate|"
    "investigation|meet|meeting|huddle|audit|pick|pack|dispatch|invoice|plan|route|schedule|file|sort|scan|"
    "update|check|underwrite|consolidate|compile|authorise|authorize|batch|"
    # upkeep of equipment, data entry, quality control, end-of-day accounting, planning
    "esterilizar|desinfectar|calibrar|carga|ingresar datos|control de calidad|monitoreo|monitorear|auditoria|"
    "cierre de caja|arqueo|cuadre|inventario|programacion|planificacion|"
    "esterilizar|desinfetar|calibrar|controle de qualidade|monitoria|monitoramento|inventario|fechamento do caixa|"
    "fechamento de caixa|programacao|planejamento|"
    "sterilise|sterilize|sterilising|sterilizing|disinfect|calibrate|enter|data entry|quality control|qa|monitor|"
    "monitoring|stock count|stocktake|cash up|cash-up|end of day|planning|scheduling|"
    "etiquetar|etiquetado|etiquetagem|label|labelling|labeling|recuento|conteo|contagem|count|counting|depurar|"
    "depuracion|cleanup|clean up|relevo|passagem de plantao|troca de turno|cambio de turno|handover|"
    "cerrar el mes|cierre de mes|fechar o mes|fechamento do mes|close the month|month end|pedido de insumos|"
    "armado|armar|montagem|montar|calcular|calculo|calculation|calculate|reasignar|redistribuir|reassign|reallocate|priorizar|priorizacion|"
    "priorizacao|prioritise|prioritize|prioritised|prioritized|"
    "restock|"
    # the organisation's own books and people: payroll, till counts
    "nomina|nominas|liquidacion de sueldos|folha de pagamento|payroll|cuadratura|cuadrar|balancete|bookkeeping"
)
# Places behind the line of visibility.
INTERNAL_PLACE = _words(
    "back office|backoffice|trastienda|taller|planta|central|oficina central|almacen|bodega|archivo|sistema|crm|"
    "erp|internamente|interno|interna|matriz|grafica|oficina|almoxarifado|estoque|sede|"
    "workshop|plant|warehouse|ledger|head office|headquarters|internally|internal|behind the scenes|backstage|"
    "back-office|system|stockroom|depot|hub|"
    # the organisation's own records and its suppliers
    "base de datos|base de clientes|base|banco de dados|database|proveedor|fornecedor|supplier|vendor|insumos|supplies|"
    "en deposito|en el deposito|no deposito|camara de frio|camaras de frio|camara fria|camaras frias|cold room|"
    "expediente|dossie|prontuario"
)
# Verbs of contact: said of the organisation, someone receives them.
CONTACT = _words(
    "atender|saludar|explicar|informar|comunicar|avisar|llamar|entregar|pedir|solicitar|preguntar|mostrar|"
    "ofrecer|servir|tomar|acompanar|recibir|visitar|llegar|escribir|contestar|responder|cobrar|anotar|hablar|"
    "conversar|conversacion|despedir|atender|acomodar|guiar|"
    "atender|cumprimentar|explicar|informar|comunicar|avisar|ligar|chamar|entregar|pedir|solicitar|perguntar|"
    "mostrar|oferecer|servir|anotar|acompanhar|receber|visitar|chegar|escrever|responder|cobrar|falar|conversa|"
    "conversar|despedir|"
    "serve|greet|explain|inform|tell|notify|call|phone|ring|hand|deliver|ask|request|show|offer|take|walk|"
    "escort|receive|visit|arrive|write|email|e-mail|text|answer|reply|charge|talk|speak|seat|welcome|"
    "count out|guide"
)
# What a customer does: a moment written from the customer's side starts with one.
CUSTOMER_ACTION = _words(
    "llegar|recibir|esperar|pagar|firmar|llamar|consultar|completar|ver|encontrar|retirar|hablar|conversar|"
    "tomar|entregar|elegir|pedir|salir|entrar|despedir|sentar|comer|probar|reservar|comprar|solicitar|"
    "registrar|presentar|subir|bajar|buscar|preguntar|reclamar|usar|abrir|descargar|ingresar|acceder|rastrear|"
    "llenar|rellenar|escuchar|leer|recoger|devolver|hacer|dejar|volver|regresar|agendar|sacar|mirar|cancelar|"
    "chegar|receber|esperar|aguardar|pagar|assinar|ligar|consultar|completar|preencher|ver|encontrar|retirar|"
    "falar|conversar|tomar|entregar|escolher|pedir|sair|entrar|despedir|sentar|comer|provar|reservar|comprar|"
    "solicitar|registrar|apresentar|subir|descer|buscar|perguntar|reclamar|usar|abrir|baixar|acessar|rastrear|"
    "ouvir|ler|recolher|devolver|fazer|deixar|voltar|agendar|tirar|olhar|cancelar|acompanhar|"
    "arrive|get|receive|wait|pay|sign|call|consult|complete|fill|see|find|collect|talk|speak|take|drop|hand|"
    "choose|pick|order|leave|enter|say|sit|eat|taste|book|buy|request|register|present|check in|check out|"
    "look|search|ask|complain|use|open|download|log in|access|track|listen|read|return|make|go|come|queue|"
    "browse|reach|board|visit|meet|chat|rate"
)

# -- small words -----------------------------------------------------------------------

ARTICLE = _words(
    "el|la|los|las|un|una|unos|unas|lo|al|del|o|a|os|as|um|uma|uns|umas|ao|aos|do|da|dos|das|no|na|nos|nas|"
    "the|an|a|de|of|en|in|em")
PREPOSITION = _words(
    "a|al|de|del|en|con|por|para|sin|hasta|desde|sobre|tras|ante|entre|ao|em|no|na|com|pelo|pela|sem|ate|"
    "to|at|on|in|with|by|for|from|into|after|before|of|about")
WITH = _words("con|com|with|junto con|junto com|together with|alongside")
PASSIVE_BE = _words("es|fue|son|se|e|foi|sao|is|was|are|were|gets|get|been|being")
# Words that tell the three languages apart, for a text whose language is not given.
LANGUAGE_MARKERS = {
    "es": _words("el|la|los|las|del|al|y|en|con|por|para|que|se|un|una|de|su|es|sin|cada|menos|hasta"),
    "pt": _words("o|os|as|do|da|dos|das|ao|no|na|nos|nas|e|em|com|pelo|pela|para|que|um|uma|sem|ate|cada|seu|sua"),
    "en": _words("the|of|and|in|with|by|for|to|is|are|a|an|on|at|every|each|within|under|their|his|her"),
}
# Verbs an instruction starts with ("Escalate", "Apologise to the customer"): no one is said to act.
IMPERATIVE = _words(
    "apologise|apologize|fix|handle|solve|resolve|sort|escalate|inform|do|make|try|ensure|contact|follow up|"
    "offer|refund|call|email|review|check|investigate|look into|deal with|take|give|send|tell|"
    "pedir|hacer|atender|solucionar|resolver|tratar|informar|escalar|disculpar|ofrecer|intentar|procurar|"
    "fazer|escalonar|desculpar|oferecer|tentar|tomar|verificar|revisar|analizar|analisar|llamar|ligar")
# False friends: a word that means the concept only in these languages ("sale" is Spanish
# for "goes out", "time" is Portuguese for "team", "meta" is a target only in Portuguese).
ONLY_IN: dict[str, tuple[str, ...]] = {
    "sale": ("en",), "mora": ("es",), "back": ("es", "pt"), "ops": ("en",), "time": ("pt",), "personal": ("en",), "data": ("pt",), "one": ("en",), "free": ("en",), "plan": ("en",), "no": ("es", "en"), "as": ("en", "pt"),
    "comp": ("en",), "post": ("en",), "file": ("en",), "record": ("en",), "log": ("en",), "issue": ("en",),
    "meet": ("en",), "plant": ("en",), "lead": ("en",), "head": ("en",), "sister": ("en",), "server": ("en",),
    "host": ("en",), "us": ("en",), "we": ("en",), "nos": ("pt",), "caixa": ("pt",), "central": ("es", "pt"),
}
# A cycle whose customer is a colleague: there, work among colleagues is the service.
INTERNAL_CUSTOMER = _words(
    "cliente interno|clientes internos|colaborador|colaboradores|cliente interna|"
    "clientes internos|colaborador interno|funcionario|funcionarios|"
    "internal customer|internal customers|colleague|colleagues|employee|employees|staff")
