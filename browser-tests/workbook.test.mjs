// Journey: a safeguarding lead downloads the assessment as a workbook, uploads a
// workbook with a mistake (refused, nothing changed), uploads a filled-in one, checks
// the preview and confirms; and prints the action plan and downloads it as XLSX.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  POLICE_ORGANISATION,
  assertErrorSummary,
  assertHeading,
  click,
  demo,
  journey,
  newPage,
  openFromHome,
  signIn,
  unique,
} from './lib.mjs';

const CHILDREN = 'Section 11 organisational self-assessment (children)';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Opens (starting if need be) the police force's children's assessment; returns its path. */
async function openAssessment(page) {
  await openFromHome(page, POLICE_ORGANISATION);
  await click(page, page.getByRole('link', { name: 'Self-assessments', exact: true }));
  const started = page.getByRole('main').getByRole('link', { name: new RegExp(CHILDREN.replace(/[()]/g, '\\$&')) });
  if ((await started.count()) === 0 || !(await started.first().getAttribute('href')).startsWith('/assessments/')) {
    await click(page, page.getByRole('button', { name: new RegExp(`^Start ${CHILDREN.replace(/[()]/g, '\\$&')}`) }));
  } else {
    await click(page, started.first());
  }
  await assertHeading(page, CHILDREN);
  return new URL(page.url()).pathname;
}

// A spreadsheet made the way any spreadsheet program would save one, so the test
// needs no spreadsheet library: an XLSX file is a zip archive of XML parts. This
// writes the archive uncompressed ("stored"), which every reader accepts.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function storedZip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(text);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A workbook whose one sheet, `sheet`, holds `rows` (arrays of strings) from A1. */
function workbook(sheet, rows) {
  const cell = (value, r, c) =>
    `<c r="${String.fromCharCode(65 + c)}${r}" t="inlineStr"><is><t>${escapeXml(value)}</t></is></c>`;
  const sheetRows = rows
    .map((row, i) => `<row r="${i + 1}">${row.map((v, c) => (v === '' ? '' : cell(v, i + 1, c))).join('')}</row>`)
    .join('');
  const ns = 'http://schemas.openxmlformats.org';
  return storedZip({
    '[Content_Types].xml':
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
      `</Types>`,
    '_rels/.rels':
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
      `</Relationships>`,
    'xl/workbook.xml':
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" ` +
      `xmlns:r="${ns}/officeDocument/2006/relationships"><sheets>` +
      `<sheet name="${escapeXml(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
      `</Relationships>`,
    'xl/worksheets/sheet1.xml':
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}/spreadsheetml/2006/main">` +
      `<sheetData>${sheetRows}</sheetData></worksheet>`,
  });
}

const HEADER = [
  'Standard',
  'Criterion code',
  'Question',
  'Guidance',
  'Examples of evidence',
  'How to answer',
  'Answer',
  'Narrative evidence',
  'Improvement action',
  'Version (do not change)',
  'Check (do not change)',
];

async function upload(page, file, { status = 200 } = {}) {
  await page.getByLabel('Upload the workbook', { exact: true }).setInputFiles({
    name: 'answers.xlsx',
    mimeType: XLSX,
    buffer: file,
  });
  await click(page, page.getByRole('button', { name: 'Check the workbook', exact: true }), { status });
}

journey('Working offline with a workbook', ({ javaScript }) => {
  test('a lead downloads the workbook, uploads it with a mistake, then with answers, and confirms', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.safeguardingLead);
    const taskList = await openAssessment(page);
    await click(page, page.getByRole('link', { name: 'Work offline with a spreadsheet', exact: true }));
    await assertHeading(page, 'Work offline with a spreadsheet');

    const download = await page.request.get(`${taskList}/workbook.xlsx`);
    assert.equal(download.status(), 200);
    assert.equal(download.headers()['content-type'], XLSX);
    assert.ok((await download.body()).subarray(0, 2).equals(Buffer.from('PK')), 'an XLSX file is a zip archive');

    // A value the drop-down would not offer: refused with the row and column named.
    await upload(page, workbook('Assessment', [HEADER, ['', '1.2', '', '', '', '', 'Mostly', '', '', '0', '']]), {
      status: 422,
    });
    const problems = await assertErrorSummary(page);
    assert.ok(problems.some((p) => p.startsWith('Row 2, column G (Answer)')), problems.join('\n'));

    const evidence = unique('Checked against the training records');
    const filled = [HEADER, ['', '1.2', '', '', '', '', 'Partially met', evidence, '', '', '']];
    await upload(page, workbook('Assessment', filled));
    await assertHeading(page, 'Check the changes from your workbook');
    assert.ok((await page.getByText(evidence).count()) > 0, 'the workbook answer is in the preview');
    await click(page, page.getByRole('button', { name: /^(Save 1 change|Finish without changes)$/ }));
    // Saved, or (on a second run against the same server) kept as changed online.
    const banner = page.getByRole('alert').filter({ hasText: /Saved 1 answer from the workbook|changed online: 1\.2/ });
    assert.equal(await banner.count(), 1, 'the outcome is announced');
    await assertHeading(page, CHILDREN);
  });

  test('a lead prints the action plan and downloads it as XLSX', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.safeguardingLead);
    const taskList = await openAssessment(page);
    await click(page, page.getByRole('link', { name: 'Action plan', exact: true }));
    await assertHeading(page, 'Action plan');
    const xlsx = await page.request.get(`${taskList}/actions.xlsx`);
    assert.equal(xlsx.status(), 200);
    assert.equal(xlsx.headers()['content-type'], XLSX);
    await click(page, page.getByRole('link', { name: /^Print this page/ }));
    await assertHeading(page, 'Action plan');
    assert.ok((await page.getByText('Print command').count()) > 0, 'the page says how to print it');
  });

  test('a senior sign-off downloads the answers but has no upload', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.seniorSignOff);
    await openAssessment(page);
    assert.equal(await page.getByRole('link', { name: 'Work offline with a spreadsheet' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Download the answers as a spreadsheet (XLSX)' }).count(), 1);
  });
});
