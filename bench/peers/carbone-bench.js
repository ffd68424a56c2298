// Renders the Carbone template N times to PDF (LibreOffice) and to ODT; prints mean ms.
const carbone = require('carbone');
const fs = require('fs');
const [template, dataFile, n, outDir] = process.argv.slice(2);
const data = JSON.parse(fs.readFileSync(dataFile, 'utf8'));
const N = parseInt(n, 10);
function render(options) {
  return new Promise((resolve, reject) =>
    carbone.render(template, data, options, (err, result) => (err ? reject(err) : resolve(result))));
}
(async () => {
  await render({ convertTo: 'pdf' });  // start LibreOffice once, outside the measure
  for (const [label, options] of [['pdf', { convertTo: 'pdf' }], ['odt', {}]]) {
    const t0 = process.hrtime.bigint();
    let out;
    for (let i = 0; i < N; i++) out = await render(options);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6 / N;
    fs.writeFileSync(`${outDir}/carbone.${label}`, out);
    console.log(`${label} ${ms.toFixed(1)}`);
  }
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
