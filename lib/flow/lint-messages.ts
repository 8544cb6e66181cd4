/**
 * Publish-lint messages in the three product languages, written for the marketer who
 * draws the flow (no "edge", "handle" or "regex" jargon where a plain word exists).
 * `{name}` placeholders are filled from the params.
 */

export const LINT_LOCALES = ["es", "pt", "en"] as const;
export type LintLocale = (typeof LINT_LOCALES)[number];
export const DEFAULT_LINT_LOCALE: LintLocale = "es";

export const LINT_CODES = [
  "no_start",
  "multiple_starts",
  "duplicate_node_id",
  "duplicate_edge_id",
  "edge_source_missing",
  "edge_target_missing",
  "edge_handle_unknown",
  "handle_multiple_edges",
  "unreachable_node",
  "start_not_connected",
  "flow_stops_here",
  "dead_end_option",
  "dead_end_answer",
  "dead_end_rule",
  "dead_end_else",
  "dead_end_http_success",
  "dead_end_http_error",
  "non_waiting_cycle",
  "chain_too_long",
  "buttons_count",
  "option_title_empty",
  "button_title_too_long",
  "button_title_duplicate",
  "option_id_empty",
  "option_id_duplicate",
  "option_id_reserved",
  "option_id_too_long",
  "text_empty",
  "text_too_long",
  "header_too_long",
  "footer_too_long",
  "list_rows_count",
  "list_sections_count",
  "list_section_empty",
  "list_section_title_required",
  "list_section_title_too_long",
  "row_title_too_long",
  "row_description_too_long",
  "row_title_duplicate",
  "list_button_label_empty",
  "list_button_label_too_long",
  "media_url_invalid",
  "media_caption_too_long",
  "media_caption_ignored",
  "media_source_missing",
  "media_library_missing",
  "media_library_removed",
  "media_library_kind",
  "media_too_large",
  "media_url_kind",
  "unknown_variable",
  "variable_name_invalid",
  "variable_reserved",
  "question_variable_missing",
  "handoff_queue_missing",
  "handoff_queue_unknown",
  "template_missing",
  "template_unknown",
  "template_not_approved",
  "template_variables",
  "keyword_empty",
  "keyword_duplicate",
  "http_url_invalid",
  "http_header_invalid",
  "http_save_path_invalid",
  "http_body_ignored",
  "regex_missing",
  "regex_invalid",
  "range_invalid",
  "media_kinds_empty",
  "media_kind_unknown",
  "condition_no_rules",
  "condition_variable_missing",
  "condition_value_missing",
  "condition_number_invalid",
  "condition_business_hours_value",
] as const;
export type LintCode = (typeof LINT_CODES)[number];

type Catalog = Record<LintCode, string>;

const es: Catalog = {
  no_start: "El flujo no tiene un nodo de inicio.",
  multiple_starts: "Solo puede haber un nodo de inicio; elimina este.",
  duplicate_node_id: 'Hay dos nodos con el identificador "{id}".',
  duplicate_edge_id: 'Hay dos conexiones con el identificador "{id}".',
  edge_source_missing: "Esta conexión sale de un nodo que ya no existe.",
  edge_target_missing: "Esta conexión lleva a un nodo que ya no existe.",
  edge_handle_unknown: 'Esta conexión sale de una salida que ya no existe ("{handle}").',
  handle_multiple_edges: 'La salida "{handle}" tiene más de una conexión; deja solo una.',
  unreachable_node: "Ningún camino desde el inicio llega a este nodo.",
  start_not_connected: "El inicio no está conectado: el bot no respondería nada.",
  flow_stops_here:
    "La conversación termina después de este nodo. Conecta un nodo Fin (o el siguiente paso) para cerrarla de forma explícita.",
  dead_end_option: 'La opción "{title}" no está conectada: quien la elija no recibirá respuesta.',
  dead_end_answer: "La respuesta a esta pregunta no está conectada al siguiente paso.",
  dead_end_rule: "La regla {index} no está conectada al siguiente paso.",
  dead_end_else: 'La salida "si no" no está conectada: cuando ninguna regla se cumpla, la conversación se cortará.',
  dead_end_http_success: 'La salida "éxito" de la consulta no está conectada.',
  dead_end_http_error: 'La salida "error" de la consulta no está conectada: si el servicio falla, la conversación se cortará.',
  non_waiting_cycle:
    "Estos {count} nodos forman un ciclo que nunca espera una respuesta del cliente ({nodes}). Incluye una pregunta, botones o lista en el ciclo.",
  chain_too_long:
    "Hay {count} nodos seguidos sin esperar al cliente; el bot se detiene tras {max}. Divide el camino con una pregunta o un menú.",
  buttons_count: "Un mensaje con botones necesita entre {min} y {max} botones (ahora tiene {count}). Usa una lista para más opciones.",
  option_title_empty: "La opción {index} no tiene título.",
  button_title_too_long: "El botón {index} tiene {length} caracteres; WhatsApp permite {max}.",
  button_title_duplicate: 'Dos botones se llaman "{title}"; los títulos deben ser distintos.',
  option_id_empty: "La opción {index} no tiene identificador.",
  option_id_duplicate: 'Dos opciones usan el identificador "{id}".',
  option_id_reserved: 'El identificador "{id}" está reservado; elige otro.',
  option_id_too_long: "El identificador de la opción {index} es demasiado largo (máximo {max} caracteres).",
  text_empty: "Escribe el texto del mensaje.",
  text_too_long: "El texto tiene {length} caracteres; WhatsApp permite {max}.",
  header_too_long: "El encabezado tiene {length} caracteres; WhatsApp permite {max}.",
  footer_too_long: "El pie tiene {length} caracteres; WhatsApp permite {max}.",
  list_rows_count: "Una lista necesita entre 1 y {max} opciones en total (ahora tiene {count}).",
  list_sections_count: "Una lista admite como máximo {max} secciones (ahora tiene {count}).",
  list_section_empty: "La sección {index} no tiene opciones.",
  list_section_title_required: "Con más de una sección, cada sección necesita un título (falta en la sección {index}).",
  list_section_title_too_long: "El título de la sección {index} tiene {length} caracteres; WhatsApp permite {max}.",
  row_title_too_long: "La opción {index} tiene {length} caracteres; WhatsApp permite {max}.",
  row_description_too_long: "La descripción de la opción {index} tiene {length} caracteres; WhatsApp permite {max}.",
  row_title_duplicate: 'Dos opciones se llaman "{title}"; quien escriba el nombre no sabrá cuál elige.',
  list_button_label_empty: "Escribe el texto del botón que abre la lista.",
  list_button_label_too_long: "El botón de la lista tiene {length} caracteres; WhatsApp permite {max}.",
  media_url_invalid: "La dirección del archivo debe empezar por https:// (o http://).",
  media_caption_too_long: "El pie de foto tiene {length} caracteres; WhatsApp permite {max}.",
  media_caption_ignored: "Los audios no muestran pie de texto en WhatsApp; se enviará sin él.",
  media_source_missing: "Elige un archivo de la biblioteca o escribe su dirección.",
  media_library_missing: "El archivo elegido ya no está en la biblioteca; elige otro.",
  media_library_removed: 'El archivo "{name}" se quitó de la biblioteca; se seguirá enviando, pero conviene elegir otro.',
  media_library_kind: 'El archivo "{name}" es {fileKind}, pero aquí se envía {kind}.',
  media_too_large: 'El archivo "{name}" pesa {size}; WhatsApp no acepta {kind} de más de {max}.',
  media_url_kind: "La dirección termina en .{extension}, que no es {kind}: WhatsApp lo rechazará.",
  unknown_variable: 'La variable "{variable}" no se define en ningún punto del flujo; se mostrará vacía.',
  variable_name_invalid: 'El nombre de variable "{variable}" no es válido: usa letras, números y guion bajo, sin espacios.',
  variable_reserved: 'La variable "{variable}" la define Atendo y no se puede cambiar; elige otro nombre.',
  question_variable_missing: "La respuesta no se guarda en ninguna variable; solo estará disponible como {{input}} hasta la siguiente pregunta.",
  handoff_queue_missing: "Elige la cola que atenderá la conversación.",
  handoff_queue_unknown: 'La cola "{queue}" no existe.',
  template_missing: "Elige la plantilla que se envía.",
  template_unknown: 'La plantilla "{name}" ({language}) no está sincronizada en ningún número.',
  template_not_approved: 'La plantilla "{name}" no está aprobada por Meta (estado {status}).',
  template_variables: "Completa cada variable de la plantilla (se esperan {expected}).",
  keyword_empty: "Esta palabra clave global no tiene ninguna palabra.",
  keyword_duplicate: 'La palabra "{keyword}" está en más de una acción global; solo se usará la primera.',
  http_url_invalid: "La dirección de la consulta debe empezar por https:// o http://.",
  http_header_invalid: 'El nombre de cabecera "{header}" no es válido.',
  http_save_path_invalid: 'La ruta "{path}" no es válida (ejemplo: pedido.estado o items[0].nombre).',
  http_body_ignored: "Las consultas GET no envían cuerpo; se ignorará.",
  regex_missing: "Escribe el patrón que debe cumplir la respuesta.",
  regex_invalid: 'Paso "{step}", {part}: el patrón "{pattern}" no se puede usar: {detail}',
  range_invalid: "El mínimo ({min}) es mayor que el máximo ({max}).",
  media_kinds_empty: 'Paso "{step}": elige qué archivos acepta (imagen, documento, audio, video, sticker o cualquiera).',
  media_kind_unknown: 'Paso "{step}": "{kind}" no es un tipo de archivo; usa imagen, documento, audio, video, sticker o cualquiera.',
  condition_no_rules: 'Esta condición no tiene reglas: siempre seguirá por "si no".',
  condition_variable_missing: "Elige la variable que compara la regla {index}.",
  condition_value_missing: "La regla {index} necesita un valor con el que comparar.",
  condition_number_invalid: 'La regla {index} compara números, pero "{value}" no es un número.',
  condition_business_hours_value: 'La regla {index} debe usar "open" (abierto) o "closed" (cerrado), no "{value}".',
};

const pt: Catalog = {
  no_start: "O fluxo não tem um nó de início.",
  multiple_starts: "Só pode haver um nó de início; remova este.",
  duplicate_node_id: 'Há dois nós com o identificador "{id}".',
  duplicate_edge_id: 'Há duas conexões com o identificador "{id}".',
  edge_source_missing: "Esta conexão sai de um nó que não existe mais.",
  edge_target_missing: "Esta conexão leva a um nó que não existe mais.",
  edge_handle_unknown: 'Esta conexão sai de uma saída que não existe mais ("{handle}").',
  handle_multiple_edges: 'A saída "{handle}" tem mais de uma conexão; deixe apenas uma.',
  unreachable_node: "Nenhum caminho a partir do início chega a este nó.",
  start_not_connected: "O início não está conectado: o bot não responderia nada.",
  flow_stops_here:
    "A conversa termina depois deste nó. Conecte um nó Fim (ou o próximo passo) para encerrá-la de forma explícita.",
  dead_end_option: 'A opção "{title}" não está conectada: quem escolhê-la não receberá resposta.',
  dead_end_answer: "A resposta desta pergunta não está conectada ao próximo passo.",
  dead_end_rule: "A regra {index} não está conectada ao próximo passo.",
  dead_end_else: 'A saída "senão" não está conectada: quando nenhuma regra for atendida, a conversa será interrompida.',
  dead_end_http_success: 'A saída "sucesso" da consulta não está conectada.',
  dead_end_http_error: 'A saída "erro" da consulta não está conectada: se o serviço falhar, a conversa será interrompida.',
  non_waiting_cycle:
    "Estes {count} nós formam um ciclo que nunca espera uma resposta do cliente ({nodes}). Inclua uma pergunta, botões ou lista no ciclo.",
  chain_too_long:
    "Há {count} nós seguidos sem esperar o cliente; o bot para depois de {max}. Divida o caminho com uma pergunta ou um menu.",
  buttons_count: "Uma mensagem com botões precisa de {min} a {max} botões (agora tem {count}). Use uma lista para mais opções.",
  option_title_empty: "A opção {index} não tem título.",
  button_title_too_long: "O botão {index} tem {length} caracteres; o WhatsApp permite {max}.",
  button_title_duplicate: 'Dois botões se chamam "{title}"; os títulos devem ser diferentes.',
  option_id_empty: "A opção {index} não tem identificador.",
  option_id_duplicate: 'Duas opções usam o identificador "{id}".',
  option_id_reserved: 'O identificador "{id}" é reservado; escolha outro.',
  option_id_too_long: "O identificador da opção {index} é longo demais (máximo de {max} caracteres).",
  text_empty: "Escreva o texto da mensagem.",
  text_too_long: "O texto tem {length} caracteres; o WhatsApp permite {max}.",
  header_too_long: "O cabeçalho tem {length} caracteres; o WhatsApp permite {max}.",
  footer_too_long: "O rodapé tem {length} caracteres; o WhatsApp permite {max}.",
  list_rows_count: "Uma lista precisa de 1 a {max} opções no total (agora tem {count}).",
  list_sections_count: "Uma lista aceita no máximo {max} seções (agora tem {count}).",
  list_section_empty: "A seção {index} não tem opções.",
  list_section_title_required: "Com mais de uma seção, cada seção precisa de um título (falta na seção {index}).",
  list_section_title_too_long: "O título da seção {index} tem {length} caracteres; o WhatsApp permite {max}.",
  row_title_too_long: "A opção {index} tem {length} caracteres; o WhatsApp permite {max}.",
  row_description_too_long: "A descrição da opção {index} tem {length} caracteres; o WhatsApp permite {max}.",
  row_title_duplicate: 'Duas opções se chamam "{title}"; quem digitar o nome não saberá qual escolhe.',
  list_button_label_empty: "Escreva o texto do botão que abre a lista.",
  list_button_label_too_long: "O botão da lista tem {length} caracteres; o WhatsApp permite {max}.",
  media_url_invalid: "O endereço do arquivo deve começar com https:// (ou http://).",
  media_caption_too_long: "A legenda tem {length} caracteres; o WhatsApp permite {max}.",
  media_caption_ignored: "Áudios não exibem legenda no WhatsApp; será enviado sem ela.",
  media_source_missing: "Escolha um arquivo da biblioteca ou escreva o endereço dele.",
  media_library_missing: "O arquivo escolhido não está mais na biblioteca; escolha outro.",
  media_library_removed: 'O arquivo "{name}" foi removido da biblioteca; continuará sendo enviado, mas é melhor escolher outro.',
  media_library_kind: 'O arquivo "{name}" é {fileKind}, mas aqui se envia {kind}.',
  media_too_large: 'O arquivo "{name}" tem {size}; o WhatsApp não aceita {kind} com mais de {max}.',
  media_url_kind: "O endereço termina em .{extension}, que não é {kind}: o WhatsApp vai recusar.",
  unknown_variable: 'A variável "{variable}" não é definida em nenhum ponto do fluxo; aparecerá vazia.',
  variable_name_invalid: 'O nome de variável "{variable}" não é válido: use letras, números e sublinhado, sem espaços.',
  variable_reserved: 'A variável "{variable}" é definida pelo Atendo e não pode ser alterada; escolha outro nome.',
  question_variable_missing: "A resposta não é salva em nenhuma variável; só estará disponível como {{input}} até a próxima pergunta.",
  handoff_queue_missing: "Escolha a fila que atenderá a conversa.",
  handoff_queue_unknown: 'A fila "{queue}" não existe.',
  template_missing: "Escolha o modelo que será enviado.",
  template_unknown: 'O modelo "{name}" ({language}) não está sincronizado em nenhum número.',
  template_not_approved: 'O modelo "{name}" não está aprovado pela Meta (status {status}).',
  template_variables: "Preencha cada variável do modelo (são esperadas {expected}).",
  keyword_empty: "Esta palavra-chave global não tem nenhuma palavra.",
  keyword_duplicate: 'A palavra "{keyword}" está em mais de uma ação global; só a primeira será usada.',
  http_url_invalid: "O endereço da consulta deve começar com https:// ou http://.",
  http_header_invalid: 'O nome de cabeçalho "{header}" não é válido.',
  http_save_path_invalid: 'O caminho "{path}" não é válido (exemplo: pedido.status ou items[0].nome).',
  http_body_ignored: "Consultas GET não enviam corpo; ele será ignorado.",
  regex_missing: "Escreva o padrão que a resposta deve seguir.",
  regex_invalid: 'Etapa "{step}", {part}: o padrão "{pattern}" não pode ser usado: {detail}',
  range_invalid: "O mínimo ({min}) é maior que o máximo ({max}).",
  media_kinds_empty: 'Etapa "{step}": escolha quais arquivos ela aceita (imagem, documento, áudio, vídeo, figurinha ou qualquer um).',
  media_kind_unknown: 'Etapa "{step}": "{kind}" não é um tipo de arquivo; use imagem, documento, áudio, vídeo, figurinha ou qualquer um.',
  condition_no_rules: 'Esta condição não tem regras: sempre seguirá por "senão".',
  condition_variable_missing: "Escolha a variável que a regra {index} compara.",
  condition_value_missing: "A regra {index} precisa de um valor para comparar.",
  condition_number_invalid: 'A regra {index} compara números, mas "{value}" não é um número.',
  condition_business_hours_value: 'A regra {index} deve usar "open" (aberto) ou "closed" (fechado), não "{value}".',
};

const en: Catalog = {
  no_start: "The flow has no start node.",
  multiple_starts: "There can be only one start node; delete this one.",
  duplicate_node_id: 'Two nodes have the id "{id}".',
  duplicate_edge_id: 'Two connections have the id "{id}".',
  edge_source_missing: "This connection comes from a node that no longer exists.",
  edge_target_missing: "This connection leads to a node that no longer exists.",
  edge_handle_unknown: 'This connection leaves from an output that no longer exists ("{handle}").',
  handle_multiple_edges: 'The output "{handle}" has more than one connection; keep only one.',
  unreachable_node: "No path from the start reaches this node.",
  start_not_connected: "The start is not connected: the bot would not answer anything.",
  flow_stops_here: "The conversation ends after this node. Connect an End node (or the next step) to close it explicitly.",
  dead_end_option: 'The option "{title}" is not connected: a customer who picks it gets no answer.',
  dead_end_answer: "The answer to this question is not connected to a next step.",
  dead_end_rule: "Rule {index} is not connected to a next step.",
  dead_end_else: 'The "otherwise" output is not connected: when no rule matches, the conversation stops.',
  dead_end_http_success: 'The request\'s "success" output is not connected.',
  dead_end_http_error: 'The request\'s "error" output is not connected: if the service fails, the conversation stops.',
  non_waiting_cycle:
    "These {count} nodes form a loop that never waits for the customer ({nodes}). Put a question, buttons or a list in the loop.",
  chain_too_long:
    "{count} nodes run in a row without waiting for the customer; the bot stops after {max}. Split the path with a question or a menu.",
  buttons_count: "A buttons message needs {min} to {max} buttons (it has {count}). Use a list for more options.",
  option_title_empty: "Option {index} has no title.",
  button_title_too_long: "Button {index} has {length} characters; WhatsApp allows {max}.",
  button_title_duplicate: 'Two buttons are called "{title}"; titles must be different.',
  option_id_empty: "Option {index} has no id.",
  option_id_duplicate: 'Two options use the id "{id}".',
  option_id_reserved: 'The id "{id}" is reserved; choose another one.',
  option_id_too_long: "The id of option {index} is too long (at most {max} characters).",
  text_empty: "Write the message text.",
  text_too_long: "The text has {length} characters; WhatsApp allows {max}.",
  header_too_long: "The header has {length} characters; WhatsApp allows {max}.",
  footer_too_long: "The footer has {length} characters; WhatsApp allows {max}.",
  list_rows_count: "A list needs 1 to {max} options in total (it has {count}).",
  list_sections_count: "A list allows at most {max} sections (it has {count}).",
  list_section_empty: "Section {index} has no options.",
  list_section_title_required: "With more than one section, every section needs a title (section {index} has none).",
  list_section_title_too_long: "The title of section {index} has {length} characters; WhatsApp allows {max}.",
  row_title_too_long: "Option {index} has {length} characters; WhatsApp allows {max}.",
  row_description_too_long: "The description of option {index} has {length} characters; WhatsApp allows {max}.",
  row_title_duplicate: 'Two options are called "{title}"; a customer typing the name cannot pick between them.',
  list_button_label_empty: "Write the text of the button that opens the list.",
  list_button_label_too_long: "The list button has {length} characters; WhatsApp allows {max}.",
  media_url_invalid: "The file address must start with https:// (or http://).",
  media_caption_too_long: "The caption has {length} characters; WhatsApp allows {max}.",
  media_caption_ignored: "Audio messages show no caption on WhatsApp; it will be sent without one.",
  media_source_missing: "Choose a file from the library or type its address.",
  media_library_missing: "The chosen file is no longer in the library; choose another.",
  media_library_removed: 'The file "{name}" was removed from the library; it is still sent, but better choose another.',
  media_library_kind: 'The file "{name}" is {fileKind}, but this sends {kind}.',
  media_too_large: 'The file "{name}" is {size}; WhatsApp refuses {kind} over {max}.',
  media_url_kind: "The address ends in .{extension}, which is not {kind}: WhatsApp will refuse it.",
  unknown_variable: 'The variable "{variable}" is not set anywhere in the flow; it will show empty.',
  variable_name_invalid: 'The variable name "{variable}" is not valid: use letters, digits and underscores, no spaces.',
  variable_reserved: 'The variable "{variable}" is set by Atendo and cannot be changed; choose another name.',
  question_variable_missing: "The answer is not saved in a variable; it is only available as {{input}} until the next question.",
  handoff_queue_missing: "Choose the queue that will take the conversation.",
  handoff_queue_unknown: 'The queue "{queue}" does not exist.',
  template_missing: "Choose the template to send.",
  template_unknown: 'The template "{name}" ({language}) is not synced on any number.',
  template_not_approved: 'The template "{name}" is not approved by Meta (status {status}).',
  template_variables: "Fill in every variable of the template ({expected} expected).",
  keyword_empty: "This global keyword has no words.",
  keyword_duplicate: 'The word "{keyword}" is in more than one global action; only the first is used.',
  http_url_invalid: "The request address must start with https:// or http://.",
  http_header_invalid: 'The header name "{header}" is not valid.',
  http_save_path_invalid: 'The path "{path}" is not valid (example: order.status or items[0].name).',
  http_body_ignored: "GET requests send no body; it will be ignored.",
  regex_missing: "Write the pattern the answer must follow.",
  regex_invalid: 'Step "{step}", {part}: the pattern "{pattern}" cannot be used: {detail}',
  range_invalid: "The minimum ({min}) is greater than the maximum ({max}).",
  media_kinds_empty: 'Step "{step}": choose which files it accepts (image, document, audio, video, sticker or any).',
  media_kind_unknown: 'Step "{step}": "{kind}" is not a file type; use image, document, audio, video, sticker or any.',
  condition_no_rules: 'This condition has no rules: it always goes to "otherwise".',
  condition_variable_missing: "Choose the variable rule {index} compares.",
  condition_value_missing: "Rule {index} needs a value to compare with.",
  condition_number_invalid: 'Rule {index} compares numbers, but "{value}" is not a number.',
  condition_business_hours_value: 'Rule {index} must use "open" or "closed", not "{value}".',
};

export const LINT_MESSAGES: Record<LintLocale, Catalog> = { es, pt, en };

export function isLintLocale(value: unknown): value is LintLocale {
  return typeof value === "string" && (LINT_LOCALES as readonly string[]).includes(value);
}

/** The localized message for a code, params filled in; unknown placeholders stay visible. */
export function lintMessage(
  code: LintCode,
  params: Record<string, string | number> | undefined,
  locale: LintLocale = DEFAULT_LINT_LOCALE,
): string {
  const catalog = LINT_MESSAGES[isLintLocale(locale) ? locale : DEFAULT_LINT_LOCALE];
  const template = catalog[code];
  if (!params) return template;
  // Single braces only: "{{input}}" in a message is literal text for the marketer.
  return template.replace(/(?<!\{)\{(\w+)\}(?!\})/g, (m, key: string) =>
    Object.hasOwn(params, key) ? String(params[key]) : m,
  );
}

// ---------------------------------------------------------------------------------------
// Pieces of the `regex_invalid` message: which step, which field, and why.

type RegexReason = "backreference" | "lookaround" | import("./regex").RegexSyntaxReason;

/** A kind of file as the lint's messages say it ("an image"). */
export const MEDIA_KIND_NAMES: Record<LintLocale, Record<"image" | "video" | "audio" | "document" | "sticker", string>> = {
  es: { image: "una imagen", video: "un video", audio: "un audio", document: "un documento", sticker: "un sticker" },
  pt: { image: "uma imagem", video: "um vídeo", audio: "um áudio", document: "um documento", sticker: "uma figurinha" },
  en: { image: "an image", video: "a video", audio: "an audio file", document: "a document", sticker: "a sticker" },
};

/** What a marketer calls each node type, for messages that name a step without a label. */
export const STEP_KIND_NAMES: Record<LintLocale, Record<string, string>> = {
  es: {
    start: "Inicio", message: "Mensaje", buttons: "Botones", list: "Lista", question: "Pregunta", condition: "Condición",
    set_variable: "Guardar variable", http_request: "Consulta HTTP", handoff: "Pasar a una persona", end: "Fin",
  },
  pt: {
    start: "Início", message: "Mensagem", buttons: "Botões", list: "Lista", question: "Pergunta", condition: "Condição",
    set_variable: "Salvar variável", http_request: "Consulta HTTP", handoff: "Passar para uma pessoa", end: "Fim",
  },
  en: {
    start: "Start", message: "Message", buttons: "Buttons", list: "List", question: "Question", condition: "Condition",
    set_variable: "Set variable", http_request: "HTTP request", handoff: "Hand off to a person", end: "End",
  },
};

const REGEX_PARTS: Record<LintLocale, { validation: string; rule: string }> = {
  es: { validation: "validación de la respuesta", rule: "regla {index}" },
  pt: { validation: "validação da resposta", rule: "regra {index}" },
  en: { validation: "answer validation", rule: "rule {index}" },
};

const REGEX_REASONS: Record<LintLocale, Record<RegexReason, string>> = {
  es: {
    backreference: "las referencias a un grupo anterior ({token}) no están permitidas, porque ciertos textos podrían bloquear el bot. Repite el grupo en lugar de referenciarlo.",
    lookaround: "las comprobaciones hacia adelante o hacia atrás ({token}) no están permitidas, porque ciertos textos podrían bloquear el bot. Reescribe el patrón sin ellas.",
    missing_paren: 'falta cerrar un paréntesis ")".',
    unexpected_paren: 'sobra un paréntesis de cierre ")".',
    missing_bracket: 'falta cerrar un corchete "]".',
    char_range: "el rango {token} no es válido (¿está al revés?).",
    escape: "la secuencia {token} no se reconoce.",
    repeat: "un repetidor (*, +, ? o {n}) no tiene nada que repetir o está duplicado ({token}).",
    repeat_size: "el número de repeticiones {token} no es válido (máximo 1000).",
    trailing_backslash: "termina con una barra invertida suelta.",
    named_capture: "el nombre de grupo {token} no es válido.",
    unsupported: "la construcción {token} no está soportada.",
    too_large: "es demasiado grande o anida demasiados grupos.",
  },
  pt: {
    backreference: "referências a um grupo anterior ({token}) não são permitidas, porque certos textos poderiam travar o bot. Repita o grupo em vez de referenciá-lo.",
    lookaround: "verificações à frente ou para trás ({token}) não são permitidas, porque certos textos poderiam travar o bot. Reescreva o padrão sem elas.",
    missing_paren: 'falta fechar um parêntese ")".',
    unexpected_paren: 'sobra um parêntese de fechamento ")".',
    missing_bracket: 'falta fechar um colchete "]".',
    char_range: "o intervalo {token} não é válido (está invertido?).",
    escape: "a sequência {token} não é reconhecida.",
    repeat: "um repetidor (*, +, ? ou {n}) não tem o que repetir ou está duplicado ({token}).",
    repeat_size: "o número de repetições {token} não é válido (máximo 1000).",
    trailing_backslash: "termina com uma barra invertida solta.",
    named_capture: "o nome de grupo {token} não é válido.",
    unsupported: "a construção {token} não é suportada.",
    too_large: "é grande demais ou aninha grupos demais.",
  },
  en: {
    backreference: "references to an earlier group ({token}) are not allowed, because some texts could stall the bot. Repeat the group instead of referring to it.",
    lookaround: "look-ahead and look-behind checks ({token}) are not allowed, because some texts could stall the bot. Rewrite the pattern without them.",
    missing_paren: 'a parenthesis ")" is missing.',
    unexpected_paren: 'there is an extra closing parenthesis ")".',
    missing_bracket: 'a closing bracket "]" is missing.',
    char_range: "the range {token} is not valid (is it reversed?).",
    escape: "the sequence {token} is not recognised.",
    repeat: "a repeat (*, +, ? or {n}) has nothing to repeat or is doubled ({token}).",
    repeat_size: "the repeat count {token} is not valid (at most 1000).",
    trailing_backslash: "it ends with a lone backslash.",
    named_capture: "the group name {token} is not valid.",
    unsupported: "the construct {token} is not supported.",
    too_large: "it is too large or nests too many groups.",
  },
};

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (Object.hasOwn(params, key) ? String(params[key]) : m));
}

/** The step a message names: its label when the marketer gave one, else its kind. */
export function stepName(type: string, label: string | undefined, locale: LintLocale = DEFAULT_LINT_LOCALE): string {
  const l = label?.trim();
  if (l) return l;
  return STEP_KIND_NAMES[isLintLocale(locale) ? locale : DEFAULT_LINT_LOCALE][type] ?? type;
}

/** The field part of a regex message: the question's validation, or condition rule n. */
export function regexPartName(part: { rule?: number }, locale: LintLocale = DEFAULT_LINT_LOCALE): string {
  const p = REGEX_PARTS[isLintLocale(locale) ? locale : DEFAULT_LINT_LOCALE];
  return part.rule === undefined ? p.validation : fill(p.rule, { index: part.rule });
}

/** Why a pattern cannot be used, in the marketer's words. */
export function regexReasonText(reason: RegexReason, token: string, locale: LintLocale = DEFAULT_LINT_LOCALE): string {
  const catalog = REGEX_REASONS[isLintLocale(locale) ? locale : DEFAULT_LINT_LOCALE];
  return fill(catalog[reason] ?? catalog.unsupported, { token: token ? `"${token}"` : "" });
}
