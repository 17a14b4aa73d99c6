import { esc, printPage, zhDateOf } from '../print/html.js';
import type { Handbook } from '#contract/network-places.js';

const KIND_LABEL: Record<string, string> = { immediate: '即办件', promised: '承诺件', joint: '联办件' };

// A booklet folded from A4 sheets or printed on A5: every part starts on a page of its own.
const A5 = `<style>
  @page { size: A5; margin: 10mm 10mm 11mm; }
  body { font-size: 9.5pt; line-height: 1.45; }
  .sheet { width: 148mm; min-height: 210mm; padding: 10mm; }
  .toolbar { width: 148mm; }
  .hb-page { break-after: page; page-break-after: always; }
  .hb-page:last-child { break-after: auto; page-break-after: auto; }
  @media screen { .hb-page { border-bottom: 1px dashed #999; padding-bottom: 6mm; margin-bottom: 6mm; } }
  .cover { text-align: center; padding-top: 24mm; }
  .cover h1 { font-size: 22pt; letter-spacing: 4pt; margin: 0 0 6mm; }
  .cover .org { font-size: 13pt; margin: 2mm 0; }
  .cover .place { font-size: 15pt; font-weight: bold; margin: 8mm 0 4mm; }
  .cover dl { text-align: left; margin: 10mm auto 0; width: 100mm; }
  .cover dt { font-weight: bold; margin-top: 2mm; }
  .cover dd { margin: 0 0 0 4mm; }
  h2 { font-size: 13pt; margin: 0 0 3mm; border-bottom: 1pt solid #000; padding-bottom: 1mm; }
  .hb-item { break-inside: avoid; page-break-inside: avoid; margin: 0 0 3mm; }
  .hb-item h3 { font-size: 10.5pt; margin: 0 0 0.5mm; }
  .hb-item p { margin: 0.3mm 0; }
  .hb-item ul { margin: 0.3mm 0 0.3mm 5mm; padding: 0; }
  table.windows th, table.windows td { padding: 0.8mm 1.2mm; font-size: 9pt; }
</style>`;

const blankLine = '<span class="blank" style="min-width:45mm"></span>';

function cover(h: Handbook): string {
  const village = h.place.level === 'village' ? h.villages[0] : undefined;
  const agents = village
    ? `<dt>代办员</dt><dd>${village.agents.length ? village.agents.map((a) => esc(a.name)).join('、') : blankLine}</dd>`
    : `<dt>各村便民服务室代办员</dt>${h.villages.map((v) => `<dd>${esc(v.name)}：${v.agents.length ? v.agents.map((a) => esc(a.name)).join('、') : blankLine}</dd>`).join('')}`;
  const days = h.serviceDays.length
    ? h.serviceDays.map((d) => `<dd>${esc(zhDateOf(d.date))} ${esc(d.startTime)}–${esc(d.endTime)} ${esc(d.village.name)}（${esc(d.staff)}）</dd>`).join('')
    : '<dd>以便民服务站公告为准</dd>';
  return `<section class="hb-page cover" data-part="cover">
  <div class="org">${esc(h.county.name)}</div>
  <h1>便民服务百事通</h1>
  <div class="org">${esc(h.township.name)}</div>
  ${village ? `<div class="place">${esc(village.name)}</div>` : ''}
  <dl>
    ${agents}
    <dt>便民服务站</dt><dd>${h.stationStaff.length ? h.stationStaff.map((s) => esc(s.name)).join('、') : esc(h.township.name)}</dd>
    <dt>联系电话</dt><dd>${h.contact ? esc(h.contact) : blankLine}</dd>
    <dt>近期驻村服务日</dt>${days}
  </dl>
  <p class="muted" style="margin-top:8mm">本册所列事项均可在本地申请，由代办员或便民服务站代为递交县政务服务中心办理。所需材料以县政务服务中心公布的服务指南为准。</p>
</section>`;
}

function groupPage(g: Handbook['groups'][number]): string {
  const items = g.items.map((i) => `<div class="hb-item" data-item="${esc(i.code)}">
    <h3>${esc(i.name)}</h3>
    <p>${esc(KIND_LABEL[i.kind] ?? i.kind)}${i.kind === 'immediate' ? '' : `，承诺${i.promisedDays}个工作日办结`}${i.scope === 'county' ? '（全县通办）' : ''}</p>
    <p>材料：</p><ul>${i.materials.map((m) => `<li>${esc(m)}</li>`).join('')}</ul>
    <p>在哪里申请：${esc(i.startAt)}</p>
    <p>在哪里办理：${esc(i.handledBy)}　电话：${esc(i.phone)}</p>
  </div>`).join('');
  return `<section class="hb-page" data-part="event"><h2>${esc(g.event ?? '其他事项')}</h2>${items}</section>`;
}

function windowsPage(h: Handbook): string {
  const rows = h.windows.map((w) => `<tr><td>${esc(w.department)}</td><td>${esc(w.location)}</td><td>${esc(w.phone)}</td></tr>`).join('');
  return `<section class="hb-page" data-part="windows"><h2>${esc(h.county.name)}窗口电话</h2>
  <table class="windows fixed"><colgroup><col style="width:30%"><col style="width:45%"><col style="width:25%"></colgroup>
  <thead><tr><th>部门</th><th>窗口</th><th>电话</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

/** The printable 百事通 booklet: a cover, a page per life event, the county windows' phones. A5. */
export function handbookPage(h: Handbook): string {
  const where = h.place.level === 'village' ? h.place.name : h.township.name;
  return printPage({
    title: `${where}便民服务百事通`,
    body: `${A5}${cover(h)}${h.groups.map(groupPage).join('')}${windowsPage(h)}`,
    layout: 'a4',
  });
}
