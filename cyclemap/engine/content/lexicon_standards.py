"""The concepts of standards, of whose goal a standard serves, and of recovery plans, as
lemmas in Spanish, Portuguese and English (see lexicon.py, which gathers every concept)."""

from __future__ import annotations

from cyclemap.engine.content.lexicon_words import words as _words

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
WITHOUT = _words("sin|sem|without|no|nao|not|nunca|never|jamas|nem|ni")
# The customer asks: an offer made only then is the customer's, not a sales push.
ONLY_IF = _words("solo si|sólo si|solamente si|so se|somente se|apenas se|only if|only when|if asked|a pedido")
ACCEPTED = _words("aceptado|aceptar|aprobado|aprobar|aceito|aceitar|aprovado|accept|accepted|approve|approved")
REMEDY = _words(
    "devolucion|reembolso|cambio|troca|reembolso|devolucao|return|returns|refund|refunds|exchange|exchanges|"
    "reclamacion|reclamacao|claim|claims|compensacion|compensaciones|compensacao|compensacoes|compensation|goodwill")
# Putting a ceiling on what the customer gets.
LIMIT = _words("limitar|restringir|limit|cap|restrict|tope|teto")
# A complaint, and those above the front line it can reach: keeping one from the other is the
# organisation's goal ("que ninguna queja llegue a gerencia").
COMPLAINT = _words("queja|quejas|reclamo|reclamos|reclamacion|reclamaciones|reclamacao|reclamacoes|complaint|"
                   "complaints|denuncia|denuncias")
ABOVE = _words("gerencia|gerente|direccion|directorio|diretoria|diretor|director|board|management|senior management|"
               "head office|casa matriz|matriz|headquarters|regulador|regulator|superintendencia|procon|ouvidoria|"
               "defensoria|ombudsman|redes sociales|redes sociais|social media|prensa|imprensa|press")
# What the customer gets from a contact: a time put on it is the customer's (a wait, an answer),
# not the length of the contact (the organisation's handle time).
OUTCOME = _words("respuesta|responder|contestar|contestacion|resolver|resolucion|solucion|solucionar|entrega|entregar|"
                 "espera|esperar|devolucion de llamada|resposta|resolucao|solucao|retorno|retornar|"
                 "answer|answered|respond|response|reply|resolve|resolved|resolution|deliver|delivery|wait|"
                 "call back|callback")
# A ceiling: "de menos de", "under", "no more than".
AT_MOST = _words("menos de|menos que|hasta|maximo|maxima|max|inferior a|no mas de|ate|abaixo de|no maximo|"
                 "under|less than|below|at most|max|maximum|no more than|up to|within|shorter than")
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
