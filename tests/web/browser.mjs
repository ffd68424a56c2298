// trame serve in headless Chromium (Debian's), driven by puppeteer-core, used as
// a coordinator and a CPAM agent would: create a dossier through the form, paste
// ten professionals copied from a spreadsheet, see an error appear at its field
// and go when fixed, preview the contract, download the pack and read the zip,
// run the simulator and read the chart's bars, make an avenant and read its
// document. Screenshots of each page go to the output folder.
//
// node tests/web/browser.mjs TRAME_BINARY OUTPUT_DIR
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.resolve(here, '..', '..');
const [trame, outArg] = process.argv.slice(2);
if (!trame || !outArg) {
  console.error('usage : node tests/web/browser.mjs TRAME OUTPUT_DIR');
  process.exit(2);
}
let puppeteer;
try {
  puppeteer = (await import('puppeteer-core')).default;
} catch {
  console.error('puppeteer-core manque : lancez « bash scripts/setup.sh --with-tests »');
  process.exit(1);
}
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (!chromium) {
  console.error('Chromium manque : lancez « bash scripts/setup.sh --with-tests »');
  process.exit(1);
}

const out = path.resolve(outArg);
fs.rmSync(out, { recursive: true, force: true });
const shots = path.join(out, 'screenshots');
const downloads = path.join(out, 'downloads');
const dossiers = path.join(out, 'dossiers');
for (const d of [shots, downloads, dossiers]) fs.mkdirSync(d, { recursive: true });

let passed = 0;
let failed = 0;
async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    ++passed;
    console.log(`ok - ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    ++failed;
    console.log(`not ok - ${name}\n  ${String(e && e.stack || e).split('\n').join('\n  ')}`);
    try {
      await page.screenshot({ path: path.join(shots, 'echec-' + name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60) + '.png'), fullPage: true });
    } catch { /* the page may be gone */ }
  }
}

// The server, on a free loopback port, stopped at the end (or after 4 minutes at most).
const server = spawn(trame, ['serve', '--port', '0', '--dossiers', dossiers], { stdio: ['ignore', 'pipe', 'inherit'] });
const killer = setTimeout(() => { server.kill('SIGKILL'); process.exit(1); }, 240000);
const base = await new Promise((resolve, reject) => {
  let text = '';
  server.stdout.on('data', (d) => {
    text += d;
    const m = text.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
    if (m) resolve(m[0]);
  });
  server.on('exit', (code) => reject(new Error('trame serve s’est arrêté : ' + code)));
});

const browser = await puppeteer.launch({ executablePath: chromium, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--lang=fr-FR', '--no-first-run'] });
const page = await browser.newPage();
await page.setViewport({ width: 1400, height: 1000 });
const problems = [];
page.on('pageerror', (e) => problems.push('erreur JavaScript : ' + e.message));
const cdp = await page.createCDPSession();
await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const shot = (name) => page.screenshot({ path: path.join(shots, name + '.png'), fullPage: true });
const value = (selector) => page.$eval(selector, (e) => e.value);
async function typeInto(selector, text) {
  await page.click(selector, { clickCount: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, text);
}
async function section(key) {
  await page.click(`#sections [data-section="${key}"]`);
  await page.waitForSelector(`#form .form-section[data-pointer="/${key}"]`);
}
// Waits until the page has checked the dossier as it is now (the validity line changes after each check).
async function settled() {
  await sleep(400);
  await page.waitForNetworkIdle({ idleTime: 200, timeout: 10000 });
}
function pdfText(bytes, name) {
  const f = path.join(out, name);
  fs.writeFileSync(f, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', f, '-']).toString().replace(/[\u00a0\u202f]/g, ' ').replace(/ +/g, ' ');
}
// The PDF an iframe shows (a blob: URL of the page), as bytes.
async function framePdf(selector) {
  const b64 = await page.$eval(selector, async (f) => {
    const buf = new Uint8Array(await (await fetch(f.src)).arrayBuffer());
    let s = '';
    for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
    return btoa(s);
  });
  return Buffer.from(b64, 'base64');
}
async function waitForDownload(suffix) {
  for (let i = 0; i < 100; ++i) {
    const f = fs.readdirSync(downloads).find((n) => n.endsWith(suffix));
    if (f && !fs.existsSync(path.join(downloads, f + '.crdownload'))) return path.join(downloads, f);
    await sleep(100);
  }
  throw new Error('aucun téléchargement ' + suffix);
}

const professionals = [
  ['Médecin généraliste', 'Dr', 'Anne', 'Martin', 'Vire', 'MSP de Vire', 'oui', 'non'],
  ['Médecin généraliste', 'Dr', 'Paul', 'Leroy', 'Vire', 'MSP de Vire', 'non', 'non'],
  ['Infirmier', 'M.', 'Luc', 'Petit', 'Condé-en-Normandie', 'Cabinet infirmier', 'oui', 'non'],
  ['Infirmière', 'Mme', 'Julie', 'Moreau', 'Condé-en-Normandie', 'Cabinet infirmier', 'non', 'oui'],
  ['Pharmacien', 'M.', 'Marc', 'Girard', 'Vire', 'Pharmacie du Centre', 'oui', 'non'],
  ['Masseur-kinésithérapeute', 'Mme', 'Claire', 'Roux', 'Saint-Sever', 'Cabinet de kinésithérapie', 'non', 'non'],
  ['Sage-femme', 'Mme', 'Léa', 'Fournier', 'Vire', 'Cabinet libéral', 'non', 'non'],
  ['Chirurgien-dentiste', 'Dr', 'Hugo', 'Lambert', 'Vire', 'Cabinet dentaire', 'non', 'oui'],
  ['Orthophoniste', 'Mme', 'Emma', 'Bonnet', 'Saint-Sever', 'Cabinet libéral', 'non', 'non'],
  ['Médecin généraliste', 'Pr', 'Louis', 'Mercier', 'Condé-en-Normandie', 'Centre de santé', 'oui', 'non'],
];

await step('la page s’ouvre sur le formulaire du dossier, sans réseau extérieur', async () => {
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) external.push(r.url()); });
  await page.goto(base, { waitUntil: 'networkidle0' });
  await page.waitForSelector('#form .form-section');
  assert.equal(await page.$eval('#form h2', (e) => e.textContent), 'La CPTS et son porteur');
  // Required fields are marked, enumerations show their labels.
  assert.match(await page.$eval('label[for="f_cpts_nom"]', (e) => e.textContent), /Nom de la CPTS \*/);
  const options = await page.$$eval('select[data-pointer="/cpts/statut_association"] option', (o) => o.map((x) => x.textContent));
  assert.ok(options.includes('association déclarée'), options.join(', '));
  assert.deepEqual(external, []);
  await shot('01-dossier');
});

await step('un nouveau dossier part d’un squelette valide', async () => {
  await page.click('#new-dossier');
  await settled();
  await page.waitForSelector('.validity.ok');
  await typeInto('#form input[data-pointer="/cpts/nom"]', 'CPTS du Bocage');
  await typeInto('#dossier-id', 'cpts-du-bocage');
  await settled();
  assert.match(await page.$eval('#validity', (e) => e.textContent), /Dossier valide/);
});

await step('dix professionnels collés depuis un tableur (texte séparé par des tabulations)', async () => {
  await section('collectif');
  const tsv = professionals.map((r) => r.join('\t')).join('\r\n') + '\r\n';
  await page.$eval('table[data-table="/collectif/professionnels"] td[data-row="0"][data-col="0"] input', (input, text) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, tsv);
  await settled();
  const rows = await page.$$eval('table[data-table="/collectif/professionnels"] tbody tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('input[type=text], select')].map((i) => i.value)));
  assert.equal(rows.length, 10);
  assert.deepEqual(rows[9], ['Médecin généraliste', 'Pr', 'Louis', 'Mercier', 'Condé-en-Normandie', 'Centre de santé']);
  const checks = await page.$$eval('table[data-table="/collectif/professionnels"] tbody tr:nth-child(4) input[type=checkbox]', (c) => c.map((x) => x.checked));
  assert.deepEqual(checks, [false, true]);  // « non », « oui »
  await page.waitForSelector('.validity.ok');
  await shot('02-professionnels-colles');
});

await step('une erreur apparaît à son champ et disparaît une fois corrigée', async () => {
  await section('territoire');
  const population = '#form input[data-pointer="/territoire/population"]';
  await typeInto(population, '18000');  // the communes add up to 1 inhabitant in the skeleton
  await settled();
  const error = '#form .field[data-pointer="/territoire/population"] .field-errors p.error';
  await page.waitForSelector(error);
  const text = await page.$eval(error, (e) => e.textContent);
  assert.match(text, /population/i);
  assert.equal(await page.$eval(population, (e) => e.getAttribute('aria-invalid')), 'true');
  assert.match(await page.$eval('#validity', (e) => e.textContent), /problème/);
  await shot('03-erreur-au-champ');
  await typeInto('#form input[data-pointer="/territoire/communes/0/population"]', '18000');
  await settled();
  assert.equal(await page.$(error), null);
  await page.waitForSelector('.validity.ok');
});

await step('des communes importées d’un fichier CSV (Windows, points-virgules, ligne de titres)', async () => {
  // As Excel saves it: Windows-1252, semicolons, the columns in another order than the table's.
  const csv = 'Population municipale;Nom de la commune;Code INSEE\r\n2 500;Saint-Sever-Calvados;14658\r\n1 200;Périers-sur-le-Dan;14495\r\n';
  const file = path.join(out, 'communes.csv');
  fs.writeFileSync(file, Buffer.from(csv, 'latin1'));
  const input = await page.$('#form fieldset[data-pointer="/territoire/communes"] input.csv-input');
  await input.uploadFile(file);
  await page.waitForFunction(() => document.querySelectorAll('table[data-table="/territoire/communes"] tbody tr').length === 3);
  await settled();
  const rows = await page.$$eval('table[data-table="/territoire/communes"] tbody tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('input')].map((i) => i.value)));
  assert.deepEqual(rows.slice(1), [['Saint-Sever-Calvados', '14658', '2500'], ['Périers-sur-le-Dan', '14495', '1200']]);
  // The communes now add up to 21 700: the population's error is back, at its field.
  await page.waitForSelector('#form .field[data-pointer="/territoire/population"] .field-errors p.error');
  await typeInto('#form input[data-pointer="/territoire/population"]', '21700');
  await settled();
  await page.waitForSelector('.validity.ok');
  await shot('03b-communes-importees');
});

await step('le dossier s’enregistre, et un formulaire non enregistré survit au rechargement', async () => {
  await page.click('#save');
  await page.waitForFunction(() => /Enregistré/.test(document.getElementById('save-status').textContent));
  const saved = JSON.parse(fs.readFileSync(path.join(dossiers, 'cpts-du-bocage.json'), 'utf8'));
  assert.equal(saved.collectif.professionnels.length, 10);
  assert.equal(saved.territoire.population, 21700);
  assert.equal(saved.territoire.communes[2].nom, 'Périers-sur-le-Dan');
  await section('cpts');
  await typeInto('#form input[data-pointer="/cpts/sigle"]', 'BOCAGE');
  await settled();
  await page.reload({ waitUntil: 'networkidle0' });
  await page.waitForSelector('#form input[data-pointer="/cpts/sigle"]');
  assert.equal(await value('#form input[data-pointer="/cpts/sigle"]'), 'BOCAGE');
  assert.match(await page.$eval('#save-status', (e) => e.textContent), /non enregistrées/);
  await page.click('#save');
  await page.waitForFunction(() => /Enregistré/.test(document.getElementById('save-status').textContent));
});

// A dossier with a contract, saved through the API as a CPAM system would.
const session = await (await fetch(base + 'api/session')).json();
const sudManche = fs.readFileSync(path.join(source, 'samples', 'sud-manche.json'), 'utf8');
const put = await fetch(base + 'api/dossiers/sud-manche', { method: 'PUT', body: sudManche,
  headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf } });
assert.equal(put.status, 201);

await step('aperçu du contrat dans la page', async () => {
  await page.reload({ waitUntil: 'networkidle0' });
  await page.select('#dossier-select', 'sud-manche');
  await settled();
  await page.click('[data-view="documents"]');
  await page.waitForSelector('#document-list li[data-document="contrat-aci"]');
  await page.click('#document-list li[data-document="contrat-aci"] button');
  await page.waitForSelector('#preview[data-document="contrat-aci"]:not([hidden])');
  const text = pdfText(await framePdf('#preview'), 'apercu-contrat.pdf');
  assert.match(text, /CPTS Sud Manche/);
  assert.match(text, /Article/);
  await sleep(2500);  // the PDF viewer draws its pages
  await shot('04-apercu-contrat');
});

await step('le dossier complet se télécharge en zip, lu par unzip, pdfinfo et qpdf', async () => {
  await page.click('#pack');
  const zip = await waitForDownload('.zip');
  await page.waitForSelector('#manifest table');
  const unpacked = path.join(out, 'pack');
  execFileSync('unzip', ['-q', '-o', zip, '-d', unpacked]);
  const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'manifest.json'), 'utf8'));
  const listed = execFileSync('unzip', ['-Z1', zip]).toString().trim().split('\n').sort();
  assert.deepEqual(listed, [...manifest.files.map((f) => f.file), 'manifest.json'].sort());
  const documents = new Set(manifest.files.map((f) => f.document));
  for (const d of ['lettre-intention', 'projet-sante', 'budget-previsionnel', 'statuts', 'contrat-aci']) assert.ok(documents.has(d), d);
  for (const f of manifest.files) {
    const bytes = fs.readFileSync(path.join(unpacked, f.file));
    assert.equal(createHash('sha256').update(bytes).digest('hex'), f.sha256, f.file);
    if (f.format === 'pdf') {
      execFileSync('qpdf', ['--check', path.join(unpacked, f.file)]);
      assert.match(execFileSync('pdfinfo', [path.join(unpacked, f.file)]).toString(), /Pages:\s+[1-9]/);
    }
  }
  const rows = await page.$$eval('#manifest tbody tr', (r) => r.length);
  assert.equal(rows, manifest.files.length);
  await shot('05-dossier-complet');
});

await step('le simulateur donne la taille, les montants et un graphique des versements par année', async () => {
  await page.click('[data-view="simulateur"]');
  await typeInto('#sim-population', '45000');
  await typeInto('#sim-signature', '2027-01-15');
  await settled();
  await page.waitForFunction(() => /Taille 2/.test((document.getElementById('sim-size') || {}).textContent || ''));
  const bars = await page.$$eval('svg.chart rect.bar', (r) => r.map((b) => ({ year: Number(b.dataset.annee), amount: Number(b.dataset.montant), height: Number(b.getAttribute('height')) })));
  // From the accord's table: size 2, operating budget and the three socle missions at 100 %, five years.
  const table = JSON.parse(fs.readFileSync(path.join(source, 'models', 'aci', '2019.json'), 'utf8'));
  let annual = table.fonctionnement[1];
  for (const m of table.missions) if (['acces', 'parcours', 'prevention'].includes(m.id)) annual += m.fixe[1] + m.variable[1];
  const total = bars.reduce((s, b) => s + b.amount, 0);
  assert.equal(Math.round(total * 100), Math.round(5 * annual * 100));
  assert.equal(bars[0].year, 2027);
  assert.deepEqual(bars.map((b) => b.year), bars.map((_, i) => 2027 + i));
  // The tallest bar is the largest amount.
  const max = bars.reduce((a, b) => (b.amount > a.amount ? b : a));
  assert.equal(Math.max(...bars.map((b) => b.height)), max.height);
  await shot('06-simulateur');
});

await step('un avenant : champs modifiés, date d’effet et objet → fichier RFC 6902 et document', async () => {
  await page.click('[data-view="avenants"]');
  const target = '#avenant-form input[data-pointer="/contrat/indicateurs/1/cibles/4"]';
  await page.waitForSelector(target);
  await typeInto(target, '99');
  await typeInto('#avenant-objet', 'Relèvement de l’objectif de la cinquième année');
  await typeInto('#avenant-signature', '2027-09-01');
  await typeInto('#avenant-effet', '2027-10-01');
  await page.click('#avenant-create');
  await page.waitForSelector('#avenant-result li[data-document="avenant-001"]');
  const file = JSON.parse(fs.readFileSync(path.join(dossiers, 'avenants', 'sud-manche', '001.json'), 'utf8'));
  assert.deepEqual(file.modifications, [{ op: 'replace', path: '/contrat/indicateurs/1/cibles/4', value: 99 }]);
  assert.equal(file.date_effet, '2027-10-01');
  await page.click('#avenant-result li[data-document="avenant-001"] button');
  await page.waitForSelector('#avenant-result iframe[data-document="avenant-001"]');
  const text = pdfText(await framePdf('#avenant-result iframe[data-document="avenant-001"]'), 'avenant-001.pdf');
  assert.match(text, /Relèvement de l’objectif de la cinquième année/);
  assert.match(text, /1er octobre 2027/);
  await sleep(2500);
  await shot('07-avenant');
});

// Budget lines and fiches actions pasted from a spreadsheet, in a dossier of
// their own (sud-manche's, saved through the API with no charge lines yet).
const schema = JSON.parse(fs.readFileSync(path.join(source, 'models', 'dossier.schema.json'), 'utf8'));
const titleOf = (node, key) => node.items.properties[key].title;
const marais = JSON.parse(sudManche);
marais.cpts.nom = 'CPTS des Marais';
marais.budget_previsionnel.charges = [];
const years = marais.budget_previsionnel.annees;
// The three lines balance the sample's products less its indirect charges, year by year (amounts as
// a French spreadsheet shows them).
const total = (lines, y) => (lines || []).reduce((s, l) => s + l.montants[y], 0);
const produits = years.map((_, y) => total(marais.budget_previsionnel.produits, y) - total(marais.budget_previsionnel.charges_indirectes, y));
const budgetLines = [
  ['641', 'Rémunération de la coordinatrice', [12500.5, 13000, 13500.25]],
  ['6226', 'Indemnisation des professionnels de santé', [4000, 4500, 5000]],
];
budgetLines.push(['604', 'Prestations et animation',
  years.map((_, y) => Math.round((produits[y] - budgetLines[0][2][y] - budgetLines[1][2][y]) * 100) / 100)]);
const french = (n) => n.toLocaleString('fr-FR', { minimumFractionDigits: Number.isInteger(n) ? 0 : 2 });
page.on('dialog', (d) => d.accept());  // « abandonner les modifications non enregistrées ? »
{
  const putMarais = await fetch(base + 'api/dossiers/cpts-des-marais', { method: 'PUT', body: JSON.stringify(marais),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf } });
  assert.equal(putMarais.status, 201);
}

await step('trois lignes budgétaires collées depuis un tableur, une colonne par année', async () => {
  await page.click('[data-view="dossier"]');
  await page.reload({ waitUntil: 'networkidle0' });
  await page.select('#dossier-select', 'cpts-des-marais');
  await page.waitForFunction(() => document.getElementById('dossier-id').value === 'cpts-des-marais');
  await section('budget_previsionnel');
  const table = 'table[data-table="/budget_previsionnel/charges"]';
  const heads = await page.$$eval(table + ' thead th', (t) => t.map((x) => x.textContent));
  for (const y of years) assert.ok(heads.some((h) => new RegExp('^Montant ' + y + ' \\*?$').test(h)), heads.join(' | '));
  // No charge line yet: one added, then the rows pasted into its first cell, with their header row
  // (years alone or titled as the table titles them; the table's order is not the sheet's).
  await page.click('#form fieldset[data-pointer="/budget_previsionnel/charges"] > button.add');
  await page.waitForSelector(table + ' td[data-row="0"][data-col="0"] input');
  const header = ['Libellé', 'Compte', 'Montant ' + years[0], ...years.slice(1).map(String)];
  const tsv = [header, ...budgetLines.map(([c, l, m]) => [l, c, ...m.map((v) => french(v) + (v % 1 ? ' €' : ''))])]
    .map((r) => r.join('\t')).join('\r\n') + '\r\n';
  await page.$eval(table + ' td[data-row="0"][data-col="0"] input', (input, text) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, tsv);
  await settled();
  const amounts = await page.$$eval(table + ' tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('input.amount')].map((i) => i.value)));
  assert.deepEqual(amounts[0], ['12500,50', '13000', '13500,25']);
  assert.equal(amounts.length, 3);
  await page.waitForSelector('.validity.ok');  // the budget balances year by year
  await shot('10-budget-colle');
  await (await page.$('#form fieldset[data-pointer="/budget_previsionnel/charges"]')).screenshot({ path: path.join(shots, '10b-budget-charges.png') });
  await page.click('#save');
  await page.waitForFunction(() => /Enregistré/.test(document.getElementById('save-status').textContent));
  const saved = JSON.parse(fs.readFileSync(path.join(dossiers, 'cpts-des-marais.json'), 'utf8'));
  assert.deepEqual(saved.budget_previsionnel.charges.map((l) => [l.compte, l.libelle, l.montants]), budgetLines);
  // The budget as the PDF shows it: every amount in French.
  await page.click('[data-view="documents"]');
  await page.waitForSelector('#document-list li[data-document="budget-previsionnel"]');
  await page.click('#document-list li[data-document="budget-previsionnel"] button');
  await page.waitForSelector('#preview[data-document="budget-previsionnel"]:not([hidden])');
  const text = pdfText(await framePdf('#preview'), 'budget-colle.pdf').replace(/\s+/g, ' ');
  assert.match(text, /CPTS des Marais/);
  for (const [, libelle, montants] of budgetLines) {
    assert.ok(text.includes(libelle), libelle);
    for (const v of montants) {
      const shown = v.toLocaleString('fr-FR', { minimumFractionDigits: Number.isInteger(v) ? 0 : 2 }).replace(/\s/g, ' ') + ' €';
      assert.ok(text.includes(shown), shown + ' absent du PDF du budget');
    }
  }
});

await step('deux fiches actions collées depuis un tableur, leurs détails dans le panneau de la ligne', async () => {
  await page.click('[data-view="dossier"]');
  await section('projet_sante');
  const actions = schema.properties.projet_sante.properties.actions;
  const table = 'table[data-table="/projet_sante/actions"]';
  const before = await page.$$eval(table + ' tbody tr', (t) => t.length);
  await page.click('#form fieldset[data-pointer="/projet_sante/actions"] > button.add');
  await page.waitForSelector(`${table} td[data-row="${before}"][data-col="0"] input`);
  // Titled columns as in the table; a cell of several lines (quoted, as Calc copies it) and items separated by « ; ».
  const keys = ['id', 'intitule', 'missions', 'finalite', 'objectif_operationnel', 'description', 'beneficiaires', 'acteurs'];
  const rows = [
    ['A6', 'Dépistage visuel en officine', 'prevention', 'Repérer les troubles visuels des plus de 60 ans.',
     'Deux cents dépistages par an en pharmacie.', '"Un dépistage proposé au comptoir.\nUn courrier au médecin traitant."',
     'Patients de plus de 60 ans', 'Pharmaciens ; Orthoptistes'],
    ['A7', 'Marche santé du mardi', 'prevention; parcours', 'Lutter contre la sédentarité.', 'Une marche par semaine.',
     'Une marche encadrée chaque mardi.', 'Patients atteints de maladies chroniques', 'Masseurs-kinésithérapeutes'],
  ];
  const tsv = [keys.map((k) => titleOf(actions, k)), ...rows].map((r) => r.join('\t')).join('\n') + '\n';
  await page.$eval(`${table} td[data-row="${before}"][data-col="0"] input`, (input, text) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, tsv);
  await settled();
  assert.equal(await page.$$eval(table + ' tbody tr', (t) => t.length), before + 2);
  // The nested parts of each new row (its calendar, its indicators) in the row's detail panel.
  for (const [i, [debut, fin, indicateur, cible]] of [['2026-09-01', '2028-06-30', 'Dépistages réalisés', '200 par an'],
                                                      ['2026-10-06', '2027-10-05', 'Participants par marche', '15']].entries()) {
    const p = `/projet_sante/actions/${before + i}`;
    await page.click(`${table} tr[data-pointer="${p}"] button.details`);
    await page.waitForSelector(`fieldset.detail[data-detail="${p}"]`);
    await typeInto(`#form input[data-pointer="${p}/calendrier/debut"]`, debut);
    await typeInto(`#form input[data-pointer="${p}/calendrier/fin"]`, fin);
    await typeInto(`#form input[data-pointer="${p}/indicateurs/0/libelle"]`, indicateur);
    await typeInto(`#form input[data-pointer="${p}/indicateurs/0/cible"]`, cible);
  }
  await settled();
  await page.waitForSelector('.validity.ok');
  await shot('11-fiches-actions');
  await (await page.$('#form fieldset[data-pointer="/projet_sante/actions"]')).screenshot({ path: path.join(shots, '11b-fiches-actions-tableau.png') });
  await page.click('#save');
  await page.waitForFunction(() => /Enregistré/.test(document.getElementById('save-status').textContent));
  const saved = JSON.parse(fs.readFileSync(path.join(dossiers, 'cpts-des-marais.json'), 'utf8')).projet_sante.actions;
  assert.equal(saved.length, before + 2);
  const [a6, a7] = saved.slice(before);
  assert.deepEqual([a6.id, a6.intitule, a6.missions, a6.acteurs], ['A6', 'Dépistage visuel en officine', ['prevention'], ['Pharmaciens', 'Orthoptistes']]);
  assert.deepEqual(a6.description, ['Un dépistage proposé au comptoir.', 'Un courrier au médecin traitant.']);
  assert.deepEqual(a7.missions, ['parcours', 'prevention']);  // in the schema's order
  assert.deepEqual(a7.calendrier, { debut: '2026-10-06', fin: '2027-10-05' });
  assert.deepEqual(a7.indicateurs, [{ libelle: 'Participants par marche', cible: '15' }]);
  await page.click('[data-view="documents"]');
  await page.waitForSelector('#document-list li[data-document="projet-sante"]');
  await page.click('#document-list li[data-document="projet-sante"] button');
  await page.waitForSelector('#preview[data-document="projet-sante"]:not([hidden])');
  const text = pdfText(await framePdf('#preview'), 'projet-sante-colle.pdf').replace(/\s+/g, ' ');
  assert.ok(text.includes('Dépistage visuel en officine'), 'titre de la fiche A6 absent du projet de santé');
  assert.ok(text.includes('Marche santé du mardi'), 'titre de la fiche A7 absent du projet de santé');
  assert.ok(text.includes('Un courrier au médecin traitant.'));
});

await step('l’historique garde chaque version', async () => {
  await page.click('[data-view="dossier"]');
  await page.select('#dossier-select', 'cpts-du-bocage');
  await settled();
  await page.click('[data-view="historique"]');
  await page.waitForSelector('#history-list li[data-version]');
  assert.equal(await page.$$eval('#history-list li[data-version]', (l) => l.length), 2);
  await shot('08-historique');
});

await step('deux personnes sur le même dossier : la seconde a un conflit, rien n’est écrasé', async () => {
  const other = await browser.createBrowserContext();  // another person, another browser
  const page2 = await other.newPage();
  await page2.setViewport({ width: 1400, height: 1000 });
  await page2.goto(base, { waitUntil: 'networkidle0' });
  await page2.select('#dossier-select', 'cpts-du-bocage');
  await page2.waitForFunction(() => document.getElementById('dossier-id').value === 'cpts-du-bocage');
  await page2.click('#form input[data-pointer="/cpts/sigle"]', { clickCount: 3 });
  await page2.type('#form input[data-pointer="/cpts/sigle"]', 'DEUXIEME');
  await page2.click('#save');
  await page2.waitForFunction(() => /Enregistré/.test(document.getElementById('save-status').textContent));
  await other.close();
  // The first person, who opened the dossier before, saves a change of their own.
  await page.click('[data-view="dossier"]');
  await section('cpts');
  await typeInto('#form input[data-pointer="/cpts/sigle"]', 'PREMIER');
  await page.click('#save');
  await page.waitForFunction(() => /conflit/.test(document.getElementById('banner').textContent));
  assert.match(await page.$eval('#save-status', (e) => e.textContent), /Conflit/);
  const onDisk = JSON.parse(fs.readFileSync(path.join(dossiers, 'cpts-du-bocage.json'), 'utf8'));
  assert.equal(onDisk.cpts.sigle, 'DEUXIEME');
  await shot('09-conflit');
});

await step('aucune erreur JavaScript', async () => {
  assert.deepEqual(problems, []);
});

await browser.close();
server.kill('SIGTERM');
clearTimeout(killer);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
