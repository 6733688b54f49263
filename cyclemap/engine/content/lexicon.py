"""The concepts the content facts turn on, as lemmas (dictionary forms) in Spanish,
Portuguese and English. Inflected forms are not listed: simplemma's dictionaries map
them to these lemmas (`lemmas.py`). Entries are compared without accents and in lower
case; an entry with spaces is a phrase, matched on the lemmatised words in order.

This is the one place in cyclemap that holds words for what people write in a cycle's
free-text fields; the rules ask `cyclemap.engine.content` and keep no lists of their own.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(w.strip().replace("_", " ") for w in text.split("|") if w.strip())


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
SUPPLIER = _words("proveedor|proveedores|fornecedor|fornecedores|supplier|suppliers|vendor|vendors|insumos|supplies")
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
)
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
)
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
)

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
    "restock"
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

# -- standards -------------------------------------------------------------------------

# Qualities and feelings: what a wish is made of.
WISH = _words(
    "amable|amabilidad|cordial|cordialidad|calido|calidez|cercano|cercania|carino|rapido|rapidez|agil|agilidad|"
    "eficiente|eficiencia|eficaz|excelencia|excelente|calidad|bueno|buen|bien|mejor|optimo|adecuado|"
    "adecuadamente|correcto|correctamente|oportuno|oportunamente|satisfactorio|satisfaccion|satisfecho|"
    "memorable|experiencia|agradable|positivo|actitud|disposicion|empatia|empatico|profesional|profesionalismo|"
    "profesionalidad|personalizado|humano|humanizado|detalle|orientacion|enfoque|compromiso|claro|transparente|"
    "transparencia|limpio|ordenado|impecable|comodo|comodidad|sonrisa|atento|bienvenido|escuchado|acogido|"
    "valorado|sentir|sentirse|encantar|superar|expectativa|deleitar|sorprender|siempre|todo momento|cortes|"
    "cortesia|educado|respetuoso|respeto|paciencia|confianza|tranquilidad|de primera|cuidar|trato|calido|"
    "gustar|esmero|dedicacion|pasion|vocacion|calidez|agilmente|rapidamente|eficientemente|"
    "amavel|cordialidade|simpatico|simpatia|caloroso|carinho|agilidade|eficiencia|excelencia|qualidade|bom|boa|"
    "bem|melhor|otimo|adequado|correto|satisfatorio|satisfacao|satisfeito|inesquecivel|memoravel|experiencia|"
    "agradavel|atitude|vontade|disposicao|profissional|profissionalismo|cuidado|detalhe|foco|orientacao|"
    "limpo|organizado|impecavel|confortavel|conforto|sorriso|atencioso|acolhido|acolhedor|acolhimento|"
    "bem-vindo|em casa|encantar|surpreender|sempre|respeito|paciencia|confianca|humanizado|"
    "friendly|courteous|courtesy|warm|personal|care|caring|fast|quick|quickly|speedy|prompt|promptly|agile|"
    "efficient|efficiently|effective|excellence|excellent|quality|good|great|well|better|best|optimal|"
    "appropriate|appropriately|proper|properly|correct|correctly|timely|satisfactory|satisfaction|satisfied|"
    "memorable|experience|pleasant|positive|attitude|willing|willingness|empathy|empathetic|professional|"
    "professionalism|personalised|personalized|humane|attention|detail|focus|centric|customer-centric|mindset|"
    "commitment|clear|transparent|clean|tidy|spotless|comfortable|comfort|smile|attentive|welcome|heard|valued|"
    "feel|delight|exceed|expectation|surprise|always|world-class|polite|politely|respectful|respect|patience|"
    "trust|seamless|smooth|hassle-free|kind|kindly|nice|helpful|right first time|at all times|with care|"
    "first-class|outstanding|excellently"
)
# Things a person can be seen doing: a standard made of one of them can be checked.
BEHAVIOUR = _words(
    "saludar|contestar|responder|llamar|repetir|entregar|explicar|confirmar|ofrecer|acompanar|contar|revisar|"
    "verificar|comprobar|avisar|notificar|enviar|devolver|presentar|llegar|asignar|sentar|mostrar|indicar|"
    "preguntar|escribir|anotar|leer|informar|dar|registrar|abrir|levantar|mirar|usar|retirar|traer|recoger|"
    "acomodar|dirigir|guiar|cobrar|firmar|identificar|nombrar|pedir|ubicar|colocar|poner|decir|"
    "cumprimentar|saudar|atender|chamar|ligar|acompanhar|conferir|checar|apresentar|chegar|perguntar|passar|"
    "recolher|trazer|levar|tirar|dizer|"
    "greet|answer|reply|respond|call|phone|repeat|read back|hand|hand over|deliver|explain|confirm|offer|walk|"
    "escort|count|check|verify|notify|text|email|e-mail|send|return|refund|introduce|arrive|seat|show|point|ask|"
    "write|note|say|tell|give|log|open|stand|look|use|serve|clear|bring|collect|guide|read|hold|"
    "address|name|reads|calls|despedir|despedir-se|confirmacion|confirmacao|confirmation|acknowledgement|"
    "acuse|cerrar|fechar|close|mostrar|display|post|nota|note"
)
# States anyone can see on the spot: "signs visible from the door", "exit signposted".
OBSERVABLE_STATE = _words(
    "visible|visivel|legible|legivel|senalizado|senalizada|sinalizado|sinalizada|signposted|displayed|posted|"
    "marked|labelled|labeled|printed|impreso|impresso|escrito|por escrito|in writing|written|gratuito|gratuita|"
    "gratis|sin cortes|sem cortes|without cuts|unico|unica|single|one|sin sorpresas|sem surpresas|"
    "no surprises|nenhuma surpresa|ninguna sorpresa|solo se cierra|so e fechado|only closed|frente al cliente|"
    "delante del cliente|na frente do cliente|diante do cliente|in front of the customer|in front of the guest|"
    "funciona|funcionar|funcionando|works|working")
TIME_UNIT = _words(
    "segundo|seg|s|sec|secs|second|minuto|min|mins|minute|m|hora|h|hr|hrs|hs|hour|dia|day|semana|week|mes|month|"
    "ano|year|jornada|hab|habiles|habil|uteis|util|business|working|noche|night|tarde|manana|madrugada|"
    "horario|horas"
)
# Points in time a person can check: a deadline without a number.
DEADLINE = _words(
    "mismo dia|en el dia|el dia anterior|dia anterior|dia siguiente|el dia siguiente|manana|hoy|de inmediato|"
    "inmediato|inmediatamente|en el acto|al momento|en el momento|ahi mismo|al instante|a la hora de|en la hora|"
    "hora de su cita|hora marcada|a la llegada|al llegar|"
    "mesmo dia|no dia|na vespera|vespera|dia seguinte|no dia seguinte|amanha|hoje|imediato|imediatamente|"
    "imediata|na hora|no ato|no momento|no horario|horario marcado|na chegada|ao chegar|"
    "same day|same-day|the day before|next day|next-day|tomorrow|today|tonight|immediately|immediate|at once|"
    "on the spot|right away|there and then|at the time of|on arrival|upon arrival|overnight|by return|"
    "hora anunciada|a la hora anunciada|horario anunciado|no horario anunciado|advertised time|"
    "at the advertised time|on time|a tiempo|en hora|no horario|puntual|pontual|punctual|fecha comprometida|"
    "fecha|data combinada|data|committed date|date|delivery date|fecha de entrega|data de entrega"
)
# Vague "soon": not a deadline anyone can check.
SOON = _words(
    "a la brevedad|lo antes posible|cuanto antes|pronto|en breve|o quanto antes|o mais rapido possivel|"
    "assim que possivel|em breve|asap|as soon as possible|soon|shortly|in due course"
)
# A countable event a deadline can be counted in ("before the third ring").
EVENT = _words(
    "timbre|toque|llamada|intento|visita|contacto|transferencia|ring|call|attempt|visit|contact|transfer|"
    "ligacao|tentativa|contato"
)
# "For everyone who waits", "every medication": a count over all customers or cases.
ALL_OF = _words("para todos|todos los que|para todos que|todos que|for everyone|everyone waiting|for all")

# -- whose goal ------------------------------------------------------------------------

ORG_GOALS: dict[str, frozenset[str]] = {
    # Keeping customers away from people: containment, deflection.
    "containment": _words(
        "contencion|deflexion|derivar|desviar|redirigir|contencao|direcionar|desviar|redirecionar|"
        "containment|contain|deflection|deflect|divert|redirect|self-serve|steer|encauzar"
        "|autoservicio|autogestion|autoatendimento|autosservico|autogestao|self-service|self service|self-care|"
        "adopcion digital|adocao digital|digital adoption|digital uptake"),
    # Selling: targets, quotas, cross-selling, pushing a product.
    "sales": _words(
        "vender|venta|cuota|meta|objetivo comercial|upselling|upsell|up-sell|cross-selling|cross-sell|"
        "venta cruzada|colocacion|ticket promedio|gasto medio|ingreso|conversion|"
        "venda|vendas|bater a meta|venda cruzada|ticket medio|receita|conversao|"
        "sell|sale|sales|quota|target|revenue|average spend|spend per|conversion|upselling|goal|average ticket|"
        "penetracion|penetracao|penetration|facturacion|faturamento|rentabilidad|rentabilidade|profitability|"
        "margen|margem|margin|profit|lucro|ganancia|alto valor|bajo valor|baixo valor|high value|low value|"
        "recompra|repeat purchase|repeat purchases|repeat business|llegar al objetivo|alcanzar el objetivo|"
        "atingir o objetivo|reach the objective|captacion|captacao|deposit gathering|"
        "afiliacion|afiliaciones|adesao|adesoes|sign-up|sign-ups|signups"),
    # Keeping a customer who asked to leave.
    "retention": _words("retener|retencion|reter|retencao|retain|retention|save|win back|renovacion|renovacao|"
                        "renewal|renewals"),
    # The organisation's own rules.
    "internal_rules": _words(
        "reglamento|politica|normativa|norma|protocolo|manual|procedimiento|circular|memo|memorandum|iso|regla|"
        "lineamiento|directriz|instructivo|estatuto|"
        "regulamento|procedimento|regra|diretriz|"
        "policy|rule|rules|regulation|protocol|procedure|procedures|guideline|guidelines|handbook|standard operating|"
        # the organisation's own plans and indicators
        "indicador|indicadores|kpi|kpis|plan estrategico|planejamento estrategico|strategic plan|alinear|alinhado|"
        "alinhar|aligned|align|ranking|league table|convenio|convenio colectivo|acuerdo sindical|acordo sindical|"
        "union agreement|collective agreement|sindicato|auditoria interna|internal audit|cliente incognito|"
        "cliente oculto|mystery shopper|mystery shopping|casa central|casa matriz|head office|headquarters|"
        "estipulado|estipulada|stipulated|auditoria externa|external audit|tope de descuentos|teto de descontos|"
        "discount ceiling|descuento maximo|descuentos maximos|desconto maximo|descontos maximos|maximum discount"),
    # A regulator's or the law's limit.
    "regulator": _words(
        "superintendencia|regulador|ley|legal|normativa|procon|ans|anatel|aneel|cnbv|condusef|sernac|indecopi|"
        "profeco|anvisa|bacen|banco central|ministerio|superintendencia|lei|regulatorio|"
        "codigo de defesa do consumidor|cdc|"
        "regulator|regulatory|law|statutory|fca|ofcom|ofgem|ombudsman|central bank|compliance|comply|legally"),
    # The organisation's cost and throughput.
    "efficiency": _words(
        "tmo|tma|aht|tiempo medio de operacion|tempo medio de atendimento|average handle time|handle time|costo|"
        "coste|custo|cost|costs|ahorro|economia|saving|productividad|produtividade|productivity|ocupacion|"
        "ocupacao|occupancy|rotacion|giro|turnover|throughput|utilizacion|utilization|utilisation|"
        "eficiencia operativa|gasto|gastos|despesa|despesas|expense|expenses|budget|horas hombre|horas homem|"
        "staff hours|man hours|table turns|table turn|abandono|abandon|abandonment|horas extra|horas extras|"
        "overtime|nivel de servicio|nivel de servico|service level|liberar la linea|liberar a linha|free up the line|"
        "tecnicos externos|terceirizado|terceirizados|tercerizado|tercerizados|contractors|outsourcing|mora|morosidad|"
        "inadimplencia|arrears|delinquency|dotacion|dotacao|quadro minimo|staffing|headcount|spend|"
        "inventario inmovilizado|estoque parado|idle stock|dead stock|excess stock|inventory turnover|"
        "debito automatico|direct debit|domiciliacion|horas ociosas|ocioso|ociosos|ociosidad|ociosidade|idle|"
        "recupero|recuperacion de deuda|recuperacao de dividas|debt recovery|recovery rate|llamadas repetidas|"
        "ligacoes repetidas|repeat calls|rellamadas|repeat contacts|ausentismo|absentismo|absenteismo|absenteeism"),
    # A contract with a supplier.
    "contract": _words("sla|contrato|proveedor|fornecedor|contract|vendor|supplier"),
    # The organisation's image and legal exposure.
    "reputation": _words(
        "imagen de marca|imagen de la marca|imagem da marca|brand image|reputacion|reputacao|reputation|"
        "juicio|juicios|demanda judicial|processo judicial|processos judiciais|lawsuit|lawsuits|litigation"),
    # The staff's own pay: bonuses and commissions.
    # ("bono", "bonus" left out: also a voucher the customer gets)
    "incentives": _words("comision|comisiones|comissao|comissoes|commission|commissions|incentivo|incentive|"
                         "incentives"),
}
# Products an organisation pushes ("offer the add-on card on every visit").
PRODUCT = _words(
    "seguro|tarjeta|poliza|prestamo|combo|adicional|membresia|garantia extendida|plan|upgrade|"
    "cartao|apolice|emprestimo|adicional|"
    "insurance|card|policy|policies|loan|add-on|membership|extended warranty|upgrade")
# A unit's spending plan.
BUDGET = _words("presupuesto|orcamento|budget")
# Knowing or being told: the customer who knows the rules is the customer's standard.
KNOW = _words("conocer|conhecer|know|saber|entender|understand|leer|ler|read")
# A document handed to the customer ("signed policy handed over").
HAND_OVER = _words("sign|signed|hand|handed|deliver|send|issue|issued|receive|renew")
# One contact handled by staff: a call, a chat, a ticket.
INTERACTION = _words(
    "llamada|ligacao|call|contacto|contato|contact|chat|atendimento|atencion|interaccion|interacao|interaction|"
    "ticket|caso|case|chamado")
# Buying: a standard that has the customer buy an extra serves the sale.
PURCHASE = _words("comprar|contratar|adquirir|buy|purchase|take out|take")
EXTRA = _words("opcional|adicional|optional|add-on|extra|premium|upgrade")
# Making less of something: "minimizar reembolsos" puts a ceiling on what customers get back.
REDUCE = _words("minimizar|minimise|minimize|reducir|reduzir|reduce|cut|bajar|baixar|evitar|avoid")
# A short contact: the organisation's handle time.
SHORT = _words("corta|cortas|corto|cortos|curta|curtas|curto|short|shorter|brief|breve|breves")
# Human help, which containment keeps the customer from reaching.
HUMAN_HELP = _words(
    "agente|asesor|persona|humano|operador|ejecutivo|atendente|pessoa|operador|agent|person|human|operator|"
    "representative|advisor|staff")
WITHOUT = _words("sin|sem|without|no|not")
# The customer asks: an offer made only then is the customer's, not a sales push.
ONLY_IF = _words("solo si|sólo si|solamente si|so se|somente se|apenas se|only if|only when|if asked|a pedido")
ACCEPTED = _words("aceptado|aceptar|aprobado|aprobar|aceito|aceitar|aprovado|accept|accepted|approve|approved")
REMEDY = _words(
    "devolucion|reembolso|cambio|troca|reembolso|devolucao|return|returns|refund|refunds|exchange|exchanges|"
    "reclamacion|reclamacao|claim|claims|compensacion|compensaciones|compensacao|compensacoes|compensation|goodwill")
# Putting a ceiling on what the customer gets.
LIMIT = _words("limitar|restringir|limit|cap|restrict|tope|teto")
ESCALATE = _words("escalar|escalonar|subir|escalate|escalation|escalating|suba")
AVOID = _words("evitar|no|nao|keep|prevent|avoid|que no|sin|sem|from|not")
CLOSE_RECORD = _words("cerrar|fechar|close|closed|cerrado|fechado|dar de baja|baixar")
CANCEL = _words("baja|cancelacion|cancelamento|cancelar|cancel|cancellation|churn|desistir")
# "Half the legal limit": the regulator's limit as a floor to beat, not the target.
BEATS = _words("mitad|metade|half|tercio|terco|third|mejor que|melhor que|better than|well within|muy por debajo|bem abaixo")
PER = _words("por|per|por cada|each|a|an")

# -- recovery --------------------------------------------------------------------------

# What the customer is offered or may choose.
CHOICE = _words(
    "ofrecer|oferta|opcion|alternativa|elegir|escoger|eleccion|preferir|reembolso|reembolsar|descuento|vale|"
    "cupon|bono|bonificacion|cortesia|compensar|compensacion|cambio|cambiar|reemplazo|reemplazar|reponer|"
    "reposicion|reprogramar|reagendar|prestamo|prestar|gratis|sin costo|sin cargo|invitar|abonar|abono|"
    "credito|estornar|anular el cobro|otro|otra|derivar|upgrade|mejora|"
    "oferecer|opcao|alternativa|escolher|escolha|preferir|reembolso|reembolsar|desconto|vale|cupom|bonus|"
    "cortesia|compensar|compensacao|troca|trocar|substituir|substituicao|repor|reposicao|remarcar|reagendar|"
    "emprestimo|emprestar|gratis|sem custo|por conta da casa|credito|creditar|estorno|estornar|outro|outra|"
    "encaminhar|"
    "offer|option|alternative|choose|choice|pick|prefer|refund|discount|voucher|coupon|credit|comp|"
    "compensate|compensation|exchange|replace|replacement|swap|rebook|reschedule|loan|lend|courtesy car|free|"
    "on the house|reverse|upgrade|another|refer|waive|respetar|respeitar|honour|honor|"
    "sin que el cliente vuelva|sin que el cliente tenga que volver|sin volver|sem que o cliente precise voltar|"
    "sem que o cliente volte|sem precisar voltar|without the customer coming back|without coming back"
)
# Giving money back: "returns the money", "devuelve la entrada".
GIVE_BACK = _words("devolver|devolucion|return|pay back|give back|reembolsar")
MONEY = _words(
    "dinero|importe|cobro|pago|entrada|ticket|dinheiro|valor|cobranca|ingresso|pagamento|money|charge|fare|"
    "payment|fee|ticket|price")
# Giving information: one of an upset customer's six basic needs (seed 003).
INFORM = _words(
    "avisar|informar|notificar|explicar|mensaje|llamar|comunicar|nueva fecha|mensagem|ligar|retornar|nova data|"
    "inform|notify|explain|message|call|tell|update|new date|call back|callback")
# A standard or a plan that starts with one of these verbs has no subject: nobody is said to act.
GENERIC_START = _words("hacer|fazer|do|tratar|treat|tomar|take")

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
