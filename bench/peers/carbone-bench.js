// Renders the Carbone template with its data, printing mean milliseconds.
//   node carbone-bench.js TEMPLATE DATA N OUTDIR        warm: LibreOffice started once beforehand,
//                                                        then N PDF renders and N ODT renders
//   node carbone-bench.js TEMPLATE DATA cold OUTDIR     one PDF render in this fresh process
//                                                        (starts LibreOffice), then exit
const carbone = require('carbone');
const fs = require('fs');
const [template, dataFile, n, outDir] = process.argv.slice(2);
const data = JSON.parse(fs.readFileSync(dataFile, 'utf8'));
function render(options) {
  return new Promise((resolve, reject) =>
    carbone.render(template, data, options, (err, result) => (err ? reject(err) : resolve(result))));
}
(async () => {
  if (n === 'cold') {
    fs.writeFileSync(`${outDir}/carbone-cold.pdf`, await render({ convertTo: 'pdf' }));
    process.exit(0);
  }
  const N = parseInt(n, 10);
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
