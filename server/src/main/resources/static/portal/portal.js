// pmm03 publication portal. Every value from the API goes into the page with textContent or as an attribute
// through the DOM API — never as HTML — so a record's content can never become markup or script.
'use strict';

const T = {
  ru: {
    brand: 'Единая база данных ЕАЭС', navSearch: 'Поиск', navCheck: 'Проверка упаковки', navAbout: 'Данные и API',
    todoH: 'Что делать', todoActive: s => ({
      '01': 'Не применяйте и не отпускайте упаковки этих серий: качество препарата не соответствует требованиям. Аптекам и дистрибьюторам — изъять серии из обращения и поместить в карантин; пациентам — вернуть упаковку в аптеку и посоветоваться с врачом.',
      '02': 'Не применяйте и не отпускайте упаковки этих серий: препарат контрафактный (обращается с нарушением прав). Аптекам и дистрибьюторам — изъять серии из обращения; пациентам — вернуть упаковку в аптеку и посоветоваться с врачом.',
      '03': 'Не применяйте и не отпускайте упаковки этих серий: препарат фальсифицирован. Аптекам и дистрибьюторам — изъять серии из обращения и сообщить в уполномоченный орган; пациентам — вернуть упаковку в аптеку и посоветоваться с врачом.'}[s] || 'Не применяйте упаковки этих серий; сообщите в уполномоченный орган.'),
    todoClosed: 'Эта запись больше не действует (изменена или исключена); смотрите текущую версию или историю ниже.',
    whatH: 'Лекарственное средство', decidedH: 'Кто и когда принял решение', decidedBy: (a, d) => a + (d ? ', ' + d : ''),
    provH: 'Для специалистов: версии, сообщения, подписи, все поля', permalink: 'Постоянная ссылка', qrAlt: 'QR-код постоянной ссылки на запись',
    printBtn: 'Печать',
    photoLabel: 'Фото кода', photoNo: 'Код на фото не прочитан: ', csvRu: 'CSV (;) для Excel', navStats: 'Статистика', statsTitle: 'Статистика единой базы данных', statsTotal: n => 'Действующих записей: ' + n,
    byCountry: 'По странам', byStatus: 'По подразделам', byYear: 'По году включения', byCountryStatus: 'Страны и подразделы',
    statsNote: 'Учитываются действующие записи; тестовые записи участников не учитываются.', count: 'Записей',
    statsJson: 'Те же данные в JSON',
    searchTitle: 'Поиск недоброкачественных, фальсифицированных и контрафактных лекарственных средств',
    qPlaceholder: 'Торговое наименование, МНН, серия, производитель…', find: 'Найти', filters: 'Фильтры',
    fTrade: 'Торговое наименование', fInn: 'МНН / наименование лекарственного средства', fBatch: 'Серия (партия)',
    fManufacturer: 'Производитель', fHolder: 'Держатель регистрационного удостоверения', fCountry: 'Страна',
    any: 'любая', fStatus: 'Подраздел', s01: 'недоброкачественные', s02: 'контрафактные', s03: 'фальсифицированные',
    fFrom: 'Начало действия с', fTo: 'по', fAsOf: 'Состояние базы на дату и время', fSort: 'Сортировка',
    sortNew: 'сначала новые', sortOld: 'сначала старые', sortName: 'по наименованию', sortCountry: 'по стране',
    prev: '← Назад', next: 'Далее →', download: 'Скачать', thisSearch: 'Результаты поиска:', wholeDb: 'Вся база данных:',
    feedLink: 'лента Atom', footer: 'Сведения публикуются Евразийской экономической комиссией (общий процесс P.MM.03).',
    found: n => 'Найдено записей: ' + n, foundCapped: n => 'Найдено более ' + n + ' записей', none: 'Ничего не найдено.',
    page: (p, n) => 'стр. ' + p + ' из ' + n, asOfNote: t => 'Показано состояние базы данных на ' + t + '.',
    updated: t => 'Обновлено: ' + t, loading: 'Загрузка…', error: 'Ошибка: ',
    inn: 'МНН', batches: 'Серии', consignments: 'Партии (накладные)', manufacturer: 'Производитель', holder: 'Держатель РУ',
    country: 'Страна', start: 'Действует с', end: 'Действовала до', docs: 'Документы',
    active: 'действующая запись', closed: 'запись не действует', excluded: 'исключена', changed: 'заменена новой версией',
    summaryH: 'Кратко', signsH: 'Признаки фальсификации', docsH: 'Официальные документы', fieldsH: 'Все сведения',
    historyH: 'История версий', provenanceH: 'Происхождение', pdf: 'PDF документа', picture: 'Иллюстрация',
    version: 'Версия', storedAt: 'Внесена', closedAt: 'Закрыта', by: 'Кем', message: 'Сообщение', signed: 'подписано ЭЦП',
    unsigned: 'без электронной подписи', changes: 'Изменения', firstVersion: 'первая версия', noChanges: 'без изменений в полях',
    before: 'было', after: 'стало', journal: 'Журнал сообщений', authority: 'Орган', docId: 'Номер', docDate: 'Дата',
    notFound: 'Запись не найдена.', showAsOf: t => 'Версия, действовавшая на ' + t, backToNow: 'Показать текущее состояние',
    checkTitle: 'Проверка упаковки по коду Data Matrix', checkBtn: 'Проверить', cameraBtn: 'Сканировать камерой',
    codePlaceholder: '(01)04601234567893(21)…(17)…(10)…', gtin: 'GTIN', serial: 'Серийный номер', expiry: 'Годен до',
    batch: 'Серия (партия)', parsedH: 'Код упаковки', problemsH: 'Что не так с кодом', matchesH: 'Записи в единой базе данных',
    expired: 'Срок годности истёк', otherAi: 'Прочие поля', cameraNo: 'Камера недоступна: ',
    vFOUND: 'Серия найдена в единой базе данных', vNOT_FOUND: 'Запись не найдена', vINVALID: 'Код не прочитан',
    vNEED_BATCH: 'Нужна серия с упаковки', codeLabel: 'Содержимое кода Data Matrix',
    manualH: 'Кода нет или он не читается — проверка по серии', manualBatch: 'Серия (партия), как на упаковке',
    manualTrade: 'Торговое наименование (необязательно)', manualGtin: 'GTIN, 14 цифр (необязательно)', manualBtn: 'Проверить серию',
    needBatchLabel: 'Серия на упаковке', needBatchBtn: 'Проверить серию', defectsNote: 'Проверка выполнена по читаемой части кода.',
    nameMatch: 'торговое наименование совпало', fromManual: 'Введено вручную',
    aboutTitle: 'Данные и API', aboutText: 'Портал публикует действующие записи единой базы данных (P.MM.03.ACT.004). Все данные доступны без регистрации.',
    apiSearch: 'поиск (JSON)', apiCheck: 'проверка кода упаковки', apiFeed: 'лента включений, изменений и исключений (Atom)', apiExport: 'вся база данных',
    r_CHANGED: 'изменение', r_EXCLUDED: 'исключение', open: 'Открыть запись',
    navClassifiers: 'Классификаторы', clsTitle: 'Классификаторы и справочники', clsText: 'Версии классификаторов раздела VII Правил информационного взаимодействия, которые использует узел: встроенные данные или версии, загруженные из файлов (pmm03.classifiers.dir).',
    clsDesignation: 'Обозначение', clsName: 'Наименование', clsVersion: 'Версия', clsValid: 'Действует', clsSource: 'Источник', clsSize: 'Кодов',
    clsBundled: 'встроенные данные', clsFiles: 'Файлы версий', clsInUse: 'используется', clsNotInUse: 'не используется (вне срока действия)', clsError: 'Ошибка загрузки файлов: ',
  },
  en: {
    brand: 'EAEU unified database', navSearch: 'Search', navCheck: 'Pack check', navAbout: 'Data & API',
    todoH: 'What to do', todoActive: s => ({
      '01': 'Do not use or dispense packs of these batches: the quality of the medicine does not meet the requirements. Pharmacies and distributors: withdraw the batches and quarantine them; patients: return the pack to the pharmacy and talk to your doctor.',
      '02': 'Do not use or dispense packs of these batches: the medicine is counterfeit (circulates in breach of rights). Pharmacies and distributors: withdraw the batches; patients: return the pack to the pharmacy and talk to your doctor.',
      '03': 'Do not use or dispense packs of these batches: the medicine is falsified. Pharmacies and distributors: withdraw the batches and inform the authority; patients: return the pack to the pharmacy and talk to your doctor.'}[s] || 'Do not use packs of these batches; inform the authority.'),
    todoClosed: 'This record is no longer in force (changed or excluded); see the current version or the history below.',
    whatH: 'The medicine', decidedH: 'Who decided and when', decidedBy: (a, d) => a + (d ? ', ' + d : ''),
    provH: 'For specialists: versions, messages, signatures, all data', permalink: 'Permanent link', qrAlt: 'QR code of the permanent link to the record',
    printBtn: 'Print',
    photoLabel: 'Photo of the code', photoNo: 'No code read from the photo: ', csvRu: 'CSV (;) for Excel', navStats: 'Statistics', statsTitle: 'Statistics of the unified database', statsTotal: n => 'Records in force: ' + n,
    byCountry: 'By country', byStatus: 'By subsection', byYear: 'By year of inclusion', byCountryStatus: 'Countries and subsections',
    statsNote: 'Records in force are counted; participants\' test records are not.', count: 'Records',
    statsJson: 'The same data as JSON',
    searchTitle: 'Search substandard, falsified and counterfeit medicines',
    qPlaceholder: 'Trade name, INN, batch, manufacturer…', find: 'Search', filters: 'Filters',
    fTrade: 'Trade name', fInn: 'INN / drug name', fBatch: 'Batch (series)', fManufacturer: 'Manufacturer',
    fHolder: 'Marketing authorisation holder', fCountry: 'Country', any: 'any', fStatus: 'Subsection',
    s01: 'substandard', s02: 'counterfeit', s03: 'falsified', fFrom: 'In force from', fTo: 'to',
    fAsOf: 'Database as of date and time', fSort: 'Sort', sortNew: 'newest first', sortOld: 'oldest first',
    sortName: 'by name', sortCountry: 'by country', prev: '← Previous', next: 'Next →', download: 'Download',
    thisSearch: 'This search:', wholeDb: 'Whole database:', feedLink: 'Atom feed',
    footer: 'Published by the Eurasian Economic Commission (common process P.MM.03).',
    found: n => n + ' record(s) found', foundCapped: n => 'More than ' + n + ' records found', none: 'Nothing found.',
    page: (p, n) => 'page ' + p + ' of ' + n, asOfNote: t => 'The database as it stood at ' + t + '.',
    updated: t => 'Updated: ' + t, loading: 'Loading…', error: 'Error: ',
    inn: 'INN', batches: 'Batches', consignments: 'Consignments', manufacturer: 'Manufacturer', holder: 'MA holder',
    country: 'Country', start: 'In force from', end: 'In force until', docs: 'Documents',
    active: 'record in force', closed: 'record no longer in force', excluded: 'excluded', changed: 'replaced by a new version',
    summaryH: 'Summary', signsH: 'Signs of falsification', docsH: 'Official documents', fieldsH: 'All data',
    historyH: 'Version history', provenanceH: 'Provenance', pdf: 'Document PDF', picture: 'Picture',
    version: 'Version', storedAt: 'Stored', closedAt: 'Closed', by: 'By', message: 'Message', signed: 'digitally signed',
    unsigned: 'not signed', changes: 'Changes', firstVersion: 'first version', noChanges: 'no field changed',
    before: 'before', after: 'after', journal: 'Message journal', authority: 'Authority', docId: 'Number', docDate: 'Date',
    notFound: 'No such record.', showAsOf: t => 'Version in force at ' + t, backToNow: 'Show the current state',
    checkTitle: 'Check a pack by its Data Matrix code', checkBtn: 'Check', cameraBtn: 'Scan with camera',
    codePlaceholder: '(01)04601234567893(21)…(17)…(10)…', gtin: 'GTIN', serial: 'Serial number', expiry: 'Expiry',
    batch: 'Batch (lot)', parsedH: 'Pack code', problemsH: 'What is wrong with the code', matchesH: 'Records in the unified database',
    expired: 'Expired', otherAi: 'Other fields', cameraNo: 'Camera not available: ',
    vFOUND: 'Batch found in the unified database', vNOT_FOUND: 'No record found', vINVALID: 'Code not readable',
    vNEED_BATCH: 'The batch from the pack is needed', codeLabel: 'Content of the Data Matrix code',
    manualH: 'No code, or it does not read — check by batch', manualBatch: 'Batch (series) as printed on the pack',
    manualTrade: 'Trade name (optional)', manualGtin: 'GTIN, 14 digits (optional)', manualBtn: 'Check batch',
    needBatchLabel: 'Batch on the pack', needBatchBtn: 'Check batch', defectsNote: 'The check used the readable part of the code.',
    nameMatch: 'trade name matches', fromManual: 'Typed by hand',
    aboutTitle: 'Data & API', aboutText: 'The portal publishes the records in force of the unified database (P.MM.03.ACT.004). No registration needed.',
    apiSearch: 'search (JSON)', apiCheck: 'pack code check', apiFeed: 'inclusions, changes and exclusions (Atom)', apiExport: 'whole database',
    r_CHANGED: 'change', r_EXCLUDED: 'exclusion', open: 'Open record',
    navClassifiers: 'Classifiers', clsTitle: 'Classifiers and reference books', clsText: 'The versions of the classifiers of section VII of the rules this node uses: bundled data, or versions loaded from files (pmm03.classifiers.dir).',
    clsDesignation: 'Designation', clsName: 'Name', clsVersion: 'Version', clsValid: 'Valid', clsSource: 'Source', clsSize: 'Codes',
    clsBundled: 'bundled data', clsFiles: 'Version files', clsInUse: 'in use', clsNotInUse: 'not in use (not valid today)', clsError: 'Classifier files not loaded: ',
  },
};
T.ru.checkHelp = 'Отсканируйте код сканером (курсор в поле ниже) или вставьте его содержимое: «сырой» вид с разделителями GS или вид (01)…(21)…(17)…(10)….';
T.en.checkHelp = 'Scan the code with a scanner (cursor in the field below) or paste its content: raw with GS separators, or the (01)…(21)…(17)…(10)… form.';

const params = new URLSearchParams(location.search);
let lang = params.get('lang') || localStorage.getItem('pmm03.lang') || 'ru';
if (!T[lang]) lang = 'ru';
const t = (k, ...a) => { const v = T[lang][k] ?? T.ru[k] ?? k; return typeof v === 'function' ? v(...a) : v; };

/** el('a', {href: x, class: 'y'}, 'text', child…): strings become text nodes, never markup. */
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  for (const k of kids.flat(3)) if (k != null && k !== false) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return e;
}

/** The reader's own locale when it is of the chosen language (en-US dates for an American reader), else ru-RU / en-GB. */
function locale() {
  const mine = (navigator.languages || [navigator.language || '']).find(l => l && l.toLowerCase().startsWith(lang));
  return mine || (lang === 'ru' ? 'ru-RU' : 'en-GB');
}

function fmt(iso, withTime = true) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (isNaN(d)) return iso;
  const o = withTime ? {dateStyle: 'medium', timeStyle: 'short'} : {dateStyle: 'medium'};
  return d.toLocaleString(locale(), o);
}

/** Replaces the children of a node; arrays are flattened, null / false dropped. */
function fill(parent, ...kids) {
  parent.replaceChildren();
  for (const k of kids.flat(3)) if (k != null && k !== false) parent.append(k instanceof Node ? k : document.createTextNode(String(k)));
}

const statusName = s => t('s' + s);
const badge = s => el('span', {class: 'badge s' + s}, statusName(s));

async function api(url, opts) {
  const r = await fetch(url, Object.assign({headers: {'Accept': 'application/json'}}, opts || {}));
  const body = await r.json().catch(() => null);
  if (!r.ok) throw new Error((body && body.message) || r.status + ' ' + r.statusText);
  return body;
}

function translate() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
  document.querySelectorAll('[data-i18n-placeholder]').forEach(e => { e.placeholder = t(e.dataset.i18nPlaceholder); });
  const b = document.getElementById('lang');
  if (b) {
    // the visible text is the accessible name (WCAG 2.5.3); the title says it in the language it switches to
    b.textContent = lang === 'ru' ? 'EN' : 'RU';
    b.title = lang === 'ru' ? 'English' : 'Русский';
    b.lang = lang === 'ru' ? 'en' : 'ru';
  }
}

let render = () => {};
// printing shows what is folded away
window.addEventListener('beforeprint', () => document.querySelectorAll('details').forEach(d => { d.dataset.wasOpen = d.open ? '1' : ''; d.open = true; }));
window.addEventListener('afterprint', () => document.querySelectorAll('details').forEach(d => { if (d.dataset.wasOpen !== undefined) d.open = d.dataset.wasOpen === '1'; }));
function setup() {
  translate();
  document.getElementById('lang').addEventListener('click', () => {
    lang = lang === 'ru' ? 'en' : 'ru';
    localStorage.setItem('pmm03.lang', lang);
    const u = new URL(location.href); u.searchParams.delete('lang'); history.replaceState(null, '', u);
    translate();
    render();
  });
  const page = document.body.dataset.page;
  if (page === 'search') searchPage();
  if (page === 'record') recordPage();
  if (page === 'check') checkPage();
  if (page === 'classifiers') classifiersPage();
  if (page === 'stats') statsPage();
}

// ---- search ------------------------------------------------------------------------------------------------
const FIELDS = ['q', 'tradeName', 'inn', 'batch', 'manufacturer', 'holder', 'country', 'from', 'to', 'asOf', 'sort'];

function searchPage() {
  const form = document.getElementById('search');
  let state = {page: Number(params.get('page') || 1), data: null};
  for (const f of FIELDS) if (params.get(f)) form.elements[f].value = params.get(f);
  params.getAll('status').forEach(s => { const c = form.querySelector('input[name=status][value="' + s + '"]'); if (c) c.checked = true; });
  if (FIELDS.slice(1).some(f => params.get(f)) || params.get('status')) document.getElementById('more').open = true;

  const ready = api('/api/v1/meta').then(m => {
    const sel = document.getElementById('country');
    for (const c of m.countries) sel.append(el('option', {value: c}, c));
    if (params.get('country')) sel.value = params.get('country');
    const u = document.getElementById('updated');
    render = () => { draw(); u.textContent = m.updatedAt ? t('updated', fmt(m.updatedAt)) : ''; };
    u.textContent = m.updatedAt ? t('updated', fmt(m.updatedAt)) : '';
  }).catch(() => {});

  function query(page) {
    const q = new URLSearchParams();
    for (const f of FIELDS) {
      let v = form.elements[f].value.trim();
      if (!v) continue;
      if (f === 'asOf') v = new Date(v).toISOString();
      if (f === 'sort' && v === 'start_desc') continue;
      q.set(f, v);
    }
    form.querySelectorAll('input[name=status]:checked').forEach(c => q.append('status', c.value));
    if (page > 1) q.set('page', page);
    return q;
  }

  async function run(page) {
    state.page = page;
    const q = query(page);
    const shown = new URLSearchParams(q);
    if (form.elements.asOf.value) shown.set('asOf', form.elements.asOf.value);
    history.replaceState(null, '', '?' + shown.toString());
    const x = new URLSearchParams(q); x.delete('page'); x.delete('sort');
    for (const f of ['csv', 'json', 'xml']) document.getElementById('x-' + f).href = '/api/v1/export.' + f + (x.toString() ? '?' + x : '');
    const xs = new URLSearchParams(x); xs.set('delimiter', 'semicolon');
    document.getElementById('x-csv-ru').href = '/api/v1/export.csv?' + xs;
    document.getElementById('summary').textContent = t('loading');
    try {
      state.data = await api('/api/v1/records?' + q);
    } catch (e) {
      state.data = null;
      document.getElementById('summary').textContent = t('error') + e.message;
      return;
    }
    draw();
  }

  function draw() {
    const d = state.data;
    const list = document.getElementById('results');
    const note = document.getElementById('asof-note');
    note.hidden = !form.elements.asOf.value;
    if (form.elements.asOf.value) note.textContent = t('asOfNote', fmt(new Date(form.elements.asOf.value).toISOString()));
    if (!d) return;
    list.replaceChildren();
    document.getElementById('summary').textContent = d.total === 0 ? t('none') : d.totalCapped ? t('foundCapped', d.total) : t('found', d.total);
    const asOf = form.elements.asOf.value ? new Date(form.elements.asOf.value).toISOString() : null;
    for (const h of d.items) {
      const href = 'record.html?id=' + encodeURIComponent(h.recordId) + (asOf ? '&asOf=' + encodeURIComponent(asOf) : '');
      list.append(el('li', {class: 'hit'},
        el('div', {class: 'hit-head'}, badge(h.status), el('span', {class: 'country'}, h.country),
          el('a', {class: 'trade', href}, h.tradeName || h.inn || '—')),
        el('dl', {class: 'facts'},
          h.inn ? [el('dt', {}, t('inn')), el('dd', {}, h.inn)] : null,
          h.batches ? [el('dt', {}, t('batches')), el('dd', {class: 'batches'}, h.batches)] : null,
          h.manufacturer ? [el('dt', {}, t('manufacturer')), el('dd', {}, h.manufacturer)] : null,
          [el('dt', {}, t('start')), el('dd', {}, fmt(h.startDateTime))])));
    }
    const pages = Math.max(1, Math.ceil(d.total / d.size));
    document.getElementById('pageno').textContent = t('page', d.page, pages);
    document.getElementById('prev').disabled = d.page <= 1;
    document.getElementById('next').disabled = d.page >= pages;
  }
  render = draw;
  form.addEventListener('submit', ev => { ev.preventDefault(); run(1); });
  form.addEventListener('change', ev => { if (ev.target.name !== 'q') run(1); });
  document.getElementById('prev').addEventListener('click', () => run(state.page - 1));
  document.getElementById('next').addEventListener('click', () => run(state.page + 1));
  ready.finally(() => run(state.page)); // after the country list exists, so a ?country= link applies
}

// ---- record ------------------------------------------------------------------------------------------------
function recordPage() {
  const main = document.getElementById('record');
  const id = params.get('id');
  const asOf = params.get('asOf');
  let rec = null;
  api('/api/v1/records/' + encodeURIComponent(id) + (asOf ? '?asOf=' + encodeURIComponent(asOf) : ''))
    .then(r => { rec = r; draw(); })
    .catch(e => fill(main, el('p', {class: 'summary', id: 'error'}, t('notFound') + ' ' + e.message)));
  render = () => rec && draw();

  const label = n => lang === 'ru' ? n.ru : n.en;

  function field(n) {
    const head = el('span', {class: 'label', title: n.xml}, label(n));
    if (n.binary) {
      return el('li', {}, head, ': ', el('a', {href: n.binary.url, target: '_blank', rel: 'noopener'},
        n.binary.mediaType + ', ' + n.binary.bytes + ' B'));
    }
    const attrs = n.attrs.length ? el('span', {class: 'attrs'}, ' (' + n.attrs.map(a => label(a) + ': ' + a.value).join('; ') + ')') : null;
    if (n.children.length === 0) return el('li', {}, head, ': ', el('span', {class: 'value'}, n.value), attrs);
    return el('li', {}, el('details', {open: n.children.length < 6 ? '' : null}, el('summary', {}, head, attrs),
      el('ul', {class: 'tree'}, n.children.map(field))));
  }

  function party(p) {
    if (!p) return '—';
    return el('span', {}, p.name + ' (' + p.id + '), ' + (p.message || '') + ', EDocId ' + (p.edocId || '—') + ', ',
      el('span', {class: p.signed ? 'ok' : 'muted'}, p.signed ? t('signed') : t('unsigned')));
  }

  function draw() {
    const r = rec, s = r.summary || {}, v = r.shown;
    document.title = (s.tradeName || r.recordId) + ' — ' + t('brand');
    const state = r.active ? t('active') : t('closed') + (v.closedReason ? ' (' + (v.closedReason === 'EXCLUDED' ? t('excluded') : t('changed')) + ')' : '');
    fill(main, 
      el('p', {class: 'crumbs'}, el('a', {href: '/portal/'}, '← ' + t('navSearch'))),
      r.asOf ? el('p', {class: 'note'}, t('showAsOf', fmt(r.asOf)), ' · ', el('a', {href: '?id=' + encodeURIComponent(r.recordId)}, t('backToNow'))) : null,
      el('h1', {id: 'trade-name'}, s.tradeName || s.inn || r.recordId),
      el('p', {class: 'hit-head'}, badge(s.status), el('span', {class: 'country'}, s.country),
        el('span', {class: r.active ? 'state ok' : 'state closed', id: 'state'}, state)),
      el('section', {id: 'todo', class: r.active ? 'todo s' + s.status : 'todo closed-rec'}, el('h2', {}, t('todoH')),
        el('p', {}, r.active ? t('todoActive', s.status) : t('todoClosed'))),
      el('section', {id: 'what'}, el('h2', {}, t('whatH')), el('dl', {class: 'facts wide'},
        [['batches', s.batches], ['inn', s.inn], ['consignments', s.consignments], ['manufacturer', s.manufacturer],
          ['holder', s.holder], ['start', fmt(v.startDateTime, false)], ['end', v.endDateTime ? fmt(v.endDateTime, false) : null]]
          .filter(x => x[1]).map(([k, x]) => [el('dt', {}, t(k)), el('dd', {class: 'f-' + k}, x)]))),
      el('section', {id: 'decided'}, el('h2', {}, t('decidedH')), el('ul', {class: 'docs'},
        (r.documents.length ? r.documents : [{}]).map(d => el('li', {},
          t('decidedBy', d.authorityName || s.country, d.date ? fmt(d.date, false) : fmt(v.startDateTime, false)),
          d.docId ? ' — ' + (d.docName || '') + ' № ' + d.docId : null)))),
      el('section', {id: 'share', class: 'share'},
        el('img', {src: '/api/v1/records/' + encodeURIComponent(r.recordId) + '/qr.svg', alt: t('qrAlt'), width: 120, height: 120, class: 'qr'}),
        el('p', {}, t('permalink') + ': ', el('a', {id: 'permalink', href: '/r/' + encodeURIComponent(r.recordId)},
          location.origin + '/r/' + r.recordId)),
        el('p', {class: 'no-print'}, el('button', {type: 'button', id: 'print'}, t('printBtn')))),
      r.signs.length ? el('section', {id: 'signs'}, el('h2', {}, t('signsH')), r.signs.map(g => el('div', {class: 'sign'},
        el('p', {}, g.text || ''), el('div', {class: 'pictures'}, g.pictures.map(p => p.image
          ? el('a', {href: p.url, target: '_blank', rel: 'noopener'}, el('img', {src: p.url, alt: t('picture'), loading: 'lazy'}))
          : el('a', {href: p.url, target: '_blank', rel: 'noopener', class: 'file'}, t('picture') + ' (' + p.mediaType + ')')))))) : null,
      r.documents.length ? el('section', {id: 'documents'}, el('h2', {}, t('docsH')), el('ul', {class: 'docs'}, r.documents.map(d =>
        el('li', {}, el('strong', {}, (d.docName || '') + ' № ' + (d.docId || '—')), ' ', t('docDate').toLowerCase(), ' ', d.date || '—',
          d.authorityName ? el('div', {}, t('authority') + ': ' + d.authorityName) : null,
          d.action ? el('div', {class: 'muted'}, d.action) : null,
          d.pdf ? el('div', {}, el('a', {href: d.pdf.url, target: '_blank', rel: 'noopener', class: 'pdf'}, t('pdf'))) : null)))) : null,
      el('details', {id: 'provenance', open: params.get('details') ? '' : null}, el('summary', {}, t('provH')),
      el('section', {id: 'history'}, el('h2', {}, t('historyH')), el('ol', {class: 'history'}, r.history.map(h =>
        el('li', {class: h.versionId === v.versionId ? 'current' : ''},
          el('div', {}, el('strong', {}, t('version') + ' ' + h.versionNo), ' · ', t('storedAt'), ' ', fmt(h.storedAt),
            h.closedAt ? [' · ', t('closedAt'), ' ', fmt(h.closedAt), ' (', t('r_' + h.closedReason), ')'] : ' · ' + t('active')),
          el('div', {class: 'prov'}, t('by'), ': ', party(h.createdBy)),
          h.closedBy ? el('div', {class: 'prov'}, t('closedAt'), ': ', party(h.closedBy)) : null,
          h.versionNo === 1 ? el('div', {class: 'muted'}, t('firstVersion')) : h.changes.length === 0 ? el('div', {class: 'muted'}, t('noChanges')) :
            el('table', {class: 'changes'}, el('tr', {}, el('th', {}, t('changes')), el('th', {}, t('before')), el('th', {}, t('after'))),
              h.changes.map(c => el('tr', {}, el('td', {title: c.path}, lang === 'ru' ? c.ru : c.en), el('td', {}, c.before ?? '—'), el('td', {}, c.after ?? '—')))))))),
      el('section', {id: 'fields'}, el('h2', {}, t('fieldsH')), el('ul', {class: 'tree'}, r.fields.map(field)))),
    );
    document.getElementById('print').addEventListener('click', () => window.print());
  }
}

// ---- pack check --------------------------------------------------------------------------------------------
function checkPage() {
  const form = document.getElementById('check');
  const code = document.getElementById('code');
  const out = document.getElementById('verdict');
  let res = null;
  if (params.get('code')) code.value = params.get('code');

  async function send(body) {
    fill(out, el('p', {}, t('loading')));
    try {
      res = await api('/api/v1/pack-check', {method: 'POST', headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
        body: JSON.stringify(body)});
      draw();
    } catch (e) {
      fill(out, el('p', {class: 'verdict INVALID'}, t('error') + e.message));
    }
  }
  const check = () => send({code: code.value});
  const manual = (batch, tradeName, gtin) => send({batch, tradeName: tradeName || null, gtin: gtin || null});
  function needBatch(p) {
    const f = el('form', {id: 'need-batch', class: 'row need-batch'},
      el('label', {for: 'nb-batch', class: 'field-label'}, t('needBatchLabel')),
      el('input', {id: 'nb-batch', name: 'batch', required: 'required', autocomplete: 'off', spellcheck: 'false'}),
      el('button', {type: 'submit', id: 'nb-check'}, t('needBatchBtn')));
    f.addEventListener('submit', ev => { ev.preventDefault(); manual(f.querySelector('input').value, null, p.gtin); });
    return f;
  }
  function draw() {
    if (!res) return;
    const p = res.parsed;
    const known = new Set(['01', '21', '17', '10']);
    const others = Object.entries(p.elements || {}).filter(([k]) => !known.has(k));
    const names = new Set(res.nameMatches || []);
    fill(out,
      el('div', {class: 'verdict ' + res.verdict, id: 'verdict-box', 'data-verdict': res.verdict, role: res.verdict === 'FOUND' ? 'alert' : null},
        el('strong', {}, t('v' + res.verdict)), el('p', {id: 'verdict-text'}, res.message[lang] || res.message.ru),
        res.verdict === 'NEED_BATCH' && res.source === 'CODE' ? needBatch(p) : null),
      res.problems.length ? el('div', {class: 'defects', id: 'defects'}, el('h2', {}, t('problemsH')),
        res.verdict === 'FOUND' || res.verdict === 'NOT_FOUND' || res.verdict === 'NEED_BATCH' ? el('p', {class: 'muted'}, t('defectsNote')) : null,
        el('ul', {id: 'problems', class: 'problems'}, res.problems.map(x => el('li', {}, x[lang] || x.ru)))) : null,
      res.matches.length ? [el('h2', {}, t('matchesH')), el('ul', {id: 'matches', class: 'results'}, res.matches.map(h => el('li', {class: 'hit'},
        el('div', {class: 'hit-head'}, badge(h.status), el('span', {class: 'country'}, h.country),
          el('a', {class: 'trade', href: 'record.html?id=' + encodeURIComponent(h.recordId)}, h.tradeName || '—'),
          names.has(h.recordId) ? el('span', {class: 'badge name-match'}, t('nameMatch')) : null),
        el('dl', {class: 'facts'}, el('dt', {}, t('batches')), el('dd', {}, h.batches || '—'),
          el('dt', {}, t('consignments')), el('dd', {}, h.consignments || '—'),
          el('dt', {}, t('inn')), el('dd', {}, h.inn || '—')))))] : null,
      el('h2', {}, res.source === 'MANUAL' ? t('fromManual') : t('parsedH')),
      el('dl', {class: 'facts parsed'},
        el('dt', {}, t('gtin')), el('dd', {id: 'p-gtin'}, p.gtin || '—'),
        res.source === 'CODE' ? [el('dt', {}, t('serial')), el('dd', {id: 'p-serial'}, p.serial || '—'),
          el('dt', {}, t('expiry')), el('dd', {id: 'p-expiry'}, p.expiryDate ? fmt(p.expiryDate, false) : (p.expiry || '—'),
            res.expired ? el('span', {class: 'badge s01'}, t('expired')) : null)] : null,
        el('dt', {}, t('batch')), el('dd', {id: 'p-batch'}, p.batch || '—'),
        others.length ? [el('dt', {}, t('otherAi')), el('dd', {}, others.map(([k, v]) => '(' + k + ')' + (v.length > 24 ? v.slice(0, 24) + '…' : v)).join(' '))] : null));
    const nb = document.getElementById('nb-batch');
    if (nb) nb.focus();
  }
  render = draw;
  form.addEventListener('submit', ev => { ev.preventDefault(); check(); });
  code.addEventListener('keydown', ev => { if (ev.key === 'Enter' && !ev.shiftKey) { ev.preventDefault(); check(); } });
  if (code.value) check();
  const mf = document.getElementById('manual');
  mf.addEventListener('submit', ev => {
    ev.preventDefault();
    manual(document.getElementById('m-batch').value, document.getElementById('m-trade').value, document.getElementById('m-gtin').value);
  });

  // camera and photo: the BarcodeDetector Web API where the browser has it (Chrome on Android, some desktops), else
  // ZXing (vendor/zxing.min.js, served by this node, loaded only when needed — D-192); nothing external
  const cam = document.getElementById('camera');
  const native = () => 'BarcodeDetector' in window && !params.get('zxing');
  let zxing = null;
  const loadZxing = () => zxing || (zxing = new Promise((ok, fail) => {
    const sc = document.createElement('script');
    sc.src = '/portal/vendor/zxing.min.js';
    sc.onload = () => ok(window.ZXing);
    sc.onerror = () => fail(new Error('zxing.min.js'));
    document.head.append(sc);
  }));
  const found = text => { code.value = text.replace(/^\u001d/, ''); check(); };
  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    if (native()) BarcodeDetector.getSupportedFormats().then(f => { if (f.includes('data_matrix')) cam.hidden = false; }).catch(() => {});
    else cam.hidden = false;
  }
  cam.addEventListener('click', async () => {
    const video = document.getElementById('video');
    try {
      if (!native()) {
        const Z = await loadZxing();
        const reader = new Z.BrowserDatamatrixCodeReader();
        video.hidden = false;
        const r = await reader.decodeOnceFromVideoDevice(undefined, video);
        reader.reset(); video.hidden = true;
        found(r.getText());
        return;
      }
      const stream = await navigator.mediaDevices.getUserMedia({video: {facingMode: 'environment'}});
      video.srcObject = stream; video.hidden = false; await video.play();
      const det = new BarcodeDetector({formats: ['data_matrix']});
      const stop = () => { stream.getTracks().forEach(x => x.stop()); video.hidden = true; };
      const tick = async () => {
        const got = await det.detect(video).catch(() => []);
        if (got.length) { stop(); found(got[0].rawValue); } else if (!video.hidden) requestAnimationFrame(tick);
      };
      tick();
    } catch (e) {
      fill(out, el('p', {class: 'verdict INVALID'}, t('cameraNo') + e.message));
    }
  });
  document.getElementById('photo').addEventListener('change', async ev => {
    const file = ev.target.files[0];
    if (!file) return;
    const url = URL.createObjectURL(file);
    try {
      if (native()) {
        const got = await new BarcodeDetector({formats: ['data_matrix']}).detect(await createImageBitmap(file));
        if (got.length) { found(got[0].rawValue); return; }
      }
      const Z = await loadZxing();
      const r = await new Z.BrowserDatamatrixCodeReader().decodeFromImageUrl(url);
      found(r.getText());
    } catch (e) {
      fill(out, el('p', {class: 'verdict INVALID', role: 'alert'}, t('photoNo') + (e && e.message ? e.message : e)));
    } finally {
      URL.revokeObjectURL(url);
    }
  });
}

// ---- classifiers (D-144) ------------------------------------------------------------------------------------
function classifiersPage() {
  const out = document.getElementById('classifiers');
  let data = null;
  const valid = c => (c.validFrom || '…') + ' — ' + (c.validTo || '…');
  const source = c => c.source === 'bundled' ? t('clsBundled') : c.source;
  render = () => {
    if (!data) return;
    const head = el('tr', null, ['clsDesignation', 'clsName', 'clsVersion', 'clsValid', 'clsSource', 'clsSize'].map(k => el('th', null, t(k))));
    const rows = data.classifiers.map(c => el('tr', {'data-designation': c.designation},
      el('td', null, el('a', {href: '/api/v1/classifiers/' + encodeURIComponent(c.designation)}, c.designation)),
      el('td', null, c.nameRu || ''), el('td', null, c.version || ''), el('td', null, valid(c)), el('td', null, source(c)),
      el('td', null, String(c.size))));
    const files = data.files.length === 0 ? null : [el('h2', null, t('clsFiles')), el('ul', null, data.files.map(f =>
      el('li', null, f.source + ': ' + f.designation + ' ' + f.version + ' (' + valid(f) + ') — ' + (f.inUse ? t('clsInUse') : t('clsNotInUse')))))];
    fill(out, data.lastError ? el('p', {class: 'verdict INVALID'}, t('clsError') + data.lastError) : null,
      el('table', {class: 'classifiers'}, el('thead', null, head), el('tbody', null, rows)), files);
  };
  api('/api/v1/classifiers').then(d => { data = d; render(); })
    .catch(e => fill(out, el('p', {class: 'verdict INVALID'}, t('error') + e.message)));
}

document.addEventListener('DOMContentLoaded', setup);

// ---- statistics: bar charts as inline SVG built here from /api/v1/statistics, each with its table ---------------
const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text != null) e.textContent = String(text);
  return e;
}

function barChart(id, title, rows) {
  const w = 560, bar = 26, gap = 8, left = 190, h = Math.max(1, rows.length) * (bar + gap) + gap;
  const max = Math.max(1, ...rows.map(r => r.count));
  const s = svg('svg', {viewBox: '0 0 ' + w + ' ' + h, width: '100%', role: 'img', 'aria-labelledby': id + '-t', class: 'chart'});
  s.append(svg('title', {id: id + '-t'}, title));
  rows.forEach((r, i) => {
    const y = gap + i * (bar + gap), len = Math.round((w - left - 60) * r.count / max);
    s.append(svg('text', {x: left - 8, y: y + bar * 0.68, 'text-anchor': 'end', class: 'chart-label'}, r.label));
    s.append(svg('rect', {x: left, y, width: Math.max(2, len), height: bar, class: 'bar ' + (r.cls || '')}));
    s.append(svg('text', {x: left + len + 6, y: y + bar * 0.68, class: 'chart-value'}, r.count));
  });
  const table = el('table', {class: 'chart-table'},
    el('thead', null, el('tr', null, el('th', {scope: 'col'}, title), el('th', {scope: 'col'}, t('count')))),
    el('tbody', null, rows.map(r => el('tr', null, el('th', {scope: 'row'}, r.label), el('td', null, String(r.count))))));
  return el('section', {class: 'chart-box', id}, el('h2', null, title), s,
    el('details', null, el('summary', null, t('count')), table));
}

function statsPage() {
  let data = null;
  const out = document.getElementById('stats');
  render = () => {
    if (!data) return;
    const status = data.statusNames;
    const name = s => (status[s] && status[s][lang]) || s;
    const cs = data.byCountryAndStatus.map(c => ({label: c.country + ' · ' + name(c.status), count: c.count, cls: 's' + c.status}));
    fill(out,
      el('p', {class: 'summary', id: 'stats-total'}, t('statsTotal', data.total)),
      el('p', {class: 'note'}, t('statsNote')),
      barChart('chart-status', t('byStatus'), data.byStatus.map(c => ({label: name(c.key), count: c.count, cls: 's' + c.key}))),
      barChart('chart-country', t('byCountry'), data.byCountry.map(c => ({label: c.key, count: c.count}))),
      barChart('chart-year', t('byYear'), data.byYear.map(c => ({label: c.key, count: c.count}))),
      barChart('chart-country-status', t('byCountryStatus'), cs),
      el('p', null, el('a', {href: '/api/v1/statistics'}, t('statsJson'))));
  };
  api('/api/v1/statistics').then(d => { data = d; render(); })
    .catch(e => fill(out, el('p', {class: 'error', role: 'alert'}, t('error') + e.message)));
}
