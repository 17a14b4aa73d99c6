/** Texts of the 好差评 card on my case page. Chinese first. */
export const zh = {
  'rate.title': '评价本次服务（好差评）',
  'rate.intro': '办件已办结，欢迎对本次服务作出评价。',
  'rate.reasons': '请选择不满意的原因（可多选）',
  'rate.comment': '补充说明',
  'rate.commentOther': '选择“其他”时请说明',
  'rate.send': '提交评价',
  'rate.thanks': '感谢您的评价！',
  'rate.given': '您的评价',
  'rate.at': '评价时间',
  'rate.followup': '我们将安排工作人员联系您核实处理。',
  'rate.needReason': '请至少选择一项原因',
  'rate.level': '评价等级',
  'rate.reasonsGiven': '不满意原因',
};

export const en: Record<keyof typeof zh, string> = {
  'rate.title': 'Rate this service',
  'rate.intro': 'Your case is decided. Please tell us how we did.',
  'rate.reasons': 'What went wrong? (choose any)',
  'rate.comment': 'Comment',
  'rate.commentOther': 'Please say what "other" means',
  'rate.send': 'Send rating',
  'rate.thanks': 'Thank you for your rating!',
  'rate.given': 'Your rating',
  'rate.at': 'Rated at',
  'rate.followup': 'A member of staff will contact you about it.',
  'rate.needReason': 'Choose at least one reason',
  'rate.level': 'Level',
  'rate.reasonsGiven': 'Reasons',
};
