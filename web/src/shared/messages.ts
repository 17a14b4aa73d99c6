export type MessageKey = keyof typeof zh;

/**
 * UI text that more than one workplace shows, loaded by every page. A text only one workplace shows
 * belongs in that workplace's catalog (web/src/apps/<ui>/messages.ts, read through useAppT), so the
 * other bundles do not carry it; test/unit/message-keys.test.ts checks each call finds its key.
 * Chinese is the default and the reference; English must have the same keys (the type checker
 * enforces it). `{name}` placeholders are filled by t(key, {name}).
 */
export const zh = {
  'app.name': '一窗通',
  'app.portalShort': '网上办事大厅',
  'lang.label': '语言',

  'common.search': '搜索',
  'common.reset': '重置',
  'common.save': '保存',
  'common.cancel': '取消',
  'common.ok': '确定',
  'common.edit': '编辑',
  'common.delete': '删除',
  'common.back': '返回',
  'common.loading': '加载中…',
  'common.actions': '操作',
  'common.all': '全部',
  'common.total': '共 {n} 项',
  'common.retry': '重试',
  'common.none': '无',
  'nav.more': '更多',
  'common.required': '请填写{field}',
  'common.error': '出错了',
  'common.errorNetwork': '无法连接服务器，请检查网络后重试',
  'common.errorValidation': '提交的内容有误，请检查标红的字段',
  'common.notFound': '页面不存在',

  'kind.immediate': '即办件',
  'kind.promised': '承诺件',
  'kind.joint': '联办件',

  'status.draft': '草稿',
  'status.published': '已发布',
  'status.retired': '已停用',
  'status.superseded': '已替代',
  'status.hasDraft': '有草稿',

  'form.original': '原件',
  'form.copy': '复印件',
  'form.original_and_copy': '原件及复印件',
  'form.electronic': '电子件',

  'material.required': '必需',
  'material.conditional': '视情形',
  'material.conditionalWhen': '视情形：{condition}',

  'limit.days': '{n} 个工作日',
  'limit.immediate': '即办',
  'limit.statutoryN': '法定时限 {n} 个工作日',
  'limit.promisedN': '承诺时限 {n} 个工作日',
  'fee.free': '不收费',
  'fee.yuan': '{n} 元',

  'role.admin': '管理员',
  'role.desk': '窗口人员',
  'role.approver': '审批人员',
  'role.supervisor': '监察人员',
  'role.leader': '领导',
  'role.station': '便民服务站',
  'role.agent': '代办员',

  'portal.col.name': '事项名称',
  'portal.col.department': '办理部门',
  'portal.col.kind': '办件类型',
  'portal.col.limits': '办理时限',
  'portal.backToList': '返回事项列表',

  'guide.onlineYes': '可在网上申报',
  'guide.onlineNo': '须到窗口办理',

  'settings.title': '系统设置',
  'settings.warningDays': '预警天数（工作日）',
  'settings.warningDaysHelp': '办件到期前多少个工作日亮黄灯',
  'settings.heldBackHours': '压件时限（小时）',
  'settings.heldBackHoursHelp': '已作出决定但未办结、或已办结但未出件也未通知领取，超过该小时数的办件列入压件督查',
  'settings.hours': '小时',
  'settings.promisedRatioMax': '承诺时限占法定时限比例上限',
  'settings.promisedRatioMaxHelp': '事项的承诺时限超过法定时限的该百分比时，发布时给出提示（常用 60%）',
  'settings.warningExample': '例如设为 {n}：办件剩余 {n} 个工作日及以内时亮黄灯，超期亮红灯',
  'settings.ratioExample': '例如法定时限 20 个工作日、比例 {p}%：承诺时限超过 {d} 个工作日时提示',
  'settings.saved': '设置已保存',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'app.name': 'OneWindow',
  'app.portalShort': 'Online Service Hall',
  'lang.label': 'Language',

  'common.search': 'Search',
  'common.reset': 'Reset',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.ok': 'OK',
  'common.edit': 'Edit',
  'common.delete': 'Delete',
  'common.back': 'Back',
  'common.loading': 'Loading…',
  'common.actions': 'Actions',
  'common.all': 'All',
  'common.total': '{n} in total',
  'common.retry': 'Retry',
  'common.none': 'None',
  'nav.more': 'More',
  'common.required': 'Please enter {field}',
  'common.error': 'Something went wrong',
  'common.errorNetwork': 'Cannot reach the server; check the network and try again',
  'common.errorValidation': 'Some fields are invalid; please check the fields marked in red',
  'common.notFound': 'Page not found',

  'kind.immediate': 'Immediate',
  'kind.promised': 'Promised',
  'kind.joint': 'Joint',

  'status.draft': 'Draft',
  'status.published': 'Published',
  'status.retired': 'Retired',
  'status.superseded': 'Superseded',
  'status.hasDraft': 'Has draft',

  'form.original': 'Original',
  'form.copy': 'Copy',
  'form.original_and_copy': 'Original and copy',
  'form.electronic': 'Electronic',

  'material.required': 'Required',
  'material.conditional': 'Conditional',
  'material.conditionalWhen': 'Conditional: {condition}',

  'limit.days': '{n} working days',
  'limit.immediate': 'On the spot',
  'limit.statutoryN': 'Statutory limit: {n} working days',
  'limit.promisedN': 'Promised limit: {n} working days',
  'fee.free': 'Free',
  'fee.yuan': '¥{n}',

  'role.admin': 'Administrator',
  'role.desk': 'Front desk',
  'role.approver': 'Approver',
  'role.supervisor': 'Supervisor',
  'role.leader': 'Leader',
  'role.station': 'Township station',
  'role.agent': 'Village agent',

  'portal.col.name': 'Item',
  'portal.col.department': 'Department',
  'portal.col.kind': 'Kind',
  'portal.col.limits': 'Time limit',
  'portal.backToList': 'Back to the list',

  'guide.onlineYes': 'Can be applied for online',
  'guide.onlineNo': 'Apply at the window',

  'settings.title': 'Settings',
  'settings.warningDays': 'Warning lead time (working days)',
  'settings.warningDaysHelp': 'How many working days before the due date a case turns yellow',
  'settings.heldBackHours': 'Held-back limit (hours)',
  'settings.heldBackHoursHelp': 'A case decided but not completed, or completed but neither delivered nor notified, for longer than this is listed as held back',
  'settings.hours': 'hours',
  'settings.promisedRatioMax': 'Maximum promised limit as a share of the statutory limit',
  'settings.promisedRatioMaxHelp': 'Publishing an item warns when its promised limit exceeds this percentage of the statutory limit (usually 60 %)',
  'settings.warningExample': 'E.g. {n}: a case turns yellow with {n} working days or fewer left, red when overdue',
  'settings.ratioExample': 'E.g. statutory limit 20 working days at {p} %: a promised limit above {d} working days is flagged',
  'settings.saved': 'Settings saved',
};
