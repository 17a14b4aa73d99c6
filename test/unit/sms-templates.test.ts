import { describe, expect, it } from 'vitest';
import { renderSms, SMS_TEMPLATES, type SmsParams } from '../../src/modules/sms/sms-templates.js';

const base: SmsParams = { caseNo: '261116-00042-7', itemName: '食品经营许可', centerName: '和平县政务服务中心' };
const full: SmsParams = {
  ...base,
  dueDate: '2026-11-30',
  materials: ['营业执照复印件', '食品安全管理制度'],
  reason: '需现场核查',
  cancelUrl: 'https://ow.example.cn/c/Ab3xY',
  resultNo: 'JY14402030012345',
  pickup: '到3号窗口领取',
  progressUrl: 'https://ow.example.cn/p/261116-00042-7',
  rateUrl: 'https://ow.example.cn/r/261116-00042-7?t=Ab3xYz0123456789AbCd',
};

describe('SMS templates', () => {
  it('writes the acceptance notice with the due date and the 30-minute cancel link', () => {
    expect(renderSms('accepted', { ...base, dueDate: '2026-11-30', cancelUrl: 'https://ow.example.cn/c/Ab3xY' })).toBe(
      '【和平县政务服务中心】您申请的“食品经营许可”已受理，办件编号261116-00042-7，承诺办结日期2026年11月30日。' +
      '如需撤销，请于30分钟内点击 https://ow.example.cn/c/Ab3xY',
    );
  });

  it('signs every template with the center and names the item and the case number', () => {
    for (const t of SMS_TEMPLATES) {
      for (const p of [base, full]) {
        const text = renderSms(t, p);
        expect(text.startsWith('【和平县政务服务中心】'), t).toBe(true);
        expect(text, t).toContain('261116-00042-7');
        expect(text, t).toContain('“食品经营许可”');
        expect(text, t).not.toMatch(/undefined|null|\n|。。|，，/);
        // Three 67-character segments at most: a notice, not a letter.
        expect(Array.from(text).length, t).toBeLessThanOrEqual(201);
      }
    }
  });

  it('tells the applicant the new due date a calendar change gave, and why (issue 15 item 10)', () => {
    expect(renderSms('due-moved', { ...base, dueDate: '2026-12-16', reason: '台风停止办公', progressUrl: 'https://ow.example.cn/?progress=261116-00042-7' }))
      .toBe('【和平县政务服务中心】您申请的“食品经营许可”（办件编号261116-00042-7）因台风停止办公，承诺办结日期调整为2026年12月16日。' +
        '查询进度：https://ow.example.cn/?progress=261116-00042-7');
  });

  it('lists every missing material once, numbered', () => {
    const text = renderSms('supplement', { ...base, materials: ['营业执照复印件', '食品安全管理制度'] });
    expect(text).toContain('需补正材料：1.营业执照复印件；2.食品安全管理制度。');
    expect(text).toContain('暂停计算');
  });

  it('gives the reason of a refusal, a non-acceptance, a return and a pause', () => {
    expect(renderSms('refused', { ...base, reason: '选址不符合要求' })).toContain('不予许可，理由：选址不符合要求。');
    expect(renderSms('not-accepted', { ...base, reason: '不属于本机关职权范围' })).toContain('不予受理，理由：不属于本机关职权范围。');
    expect(renderSms('returned', { ...base, reason: '申请人要求' })).toContain('已退回，原因：申请人要求。');
    expect(renderSms('paused', { ...base, reason: '专家评审' })).toContain('因专家评审暂停计时');
  });

  it('tells where to pick up the result and gives the licence number', () => {
    expect(renderSms('completed', { ...base, resultNo: 'JY1', pickup: '到3号窗口领取' }))
      .toBe('【和平县政务服务中心】您申请的“食品经营许可”已办结，办件编号261116-00042-7，证照编号JY1。请到3号窗口领取。');
    expect(renderSms('completed', base)).toContain('到出件窗口领取');
    // The rating is asked for once, on delivery: the completion SMS carries no link even when given one.
    expect(renderSms('completed', { ...base, rateUrl: 'https://ow.example.cn/r/261116-00042-7?t=Ab3' }))
      .toBe('【和平县政务服务中心】您申请的“食品经营许可”已办结，办件编号261116-00042-7。请携带有效身份证件到出件窗口领取。');
    expect(renderSms('delivered', { ...base, rateUrl: 'https://ow.example.cn/r/261116-00042-7?t=Ab3', progressUrl: 'https://ow.example.cn/?progress=x' }))
      .toMatch(/评价：https:\/\/ow\.example\.cn\/r\/261116-00042-7\?t=Ab3$/);
  });

  it('writes dates without leading zeros and keeps user text on one line', () => {
    expect(renderSms('resumed', { ...base, dueDate: '2026-12-01' })).toContain('承诺办结日期2026年12月1日。');
    expect(renderSms('paused', { ...base, reason: '现场\n核查。' })).toContain('因现场 核查暂停计时');
  });
});
