/** Texts of the warning alerts (预警提醒) and held-back results (压件) pages in /office. Chinese first. */
import { useAppT } from '../../../shared/i18n';

const zhTexts = {
  'nav.alerts': '预警提醒',
  'nav.heldBack': '压件监察',

  'alerts.title': '预警提醒',
  'alerts.subtitleReader': '办件或联办环节转为黄牌、红牌时生成，按部门汇总',
  'alerts.subtitleApprover': '本部门办件或联办环节转为黄牌、红牌时生成，请尽快办理',
  'alerts.filter.unread': '仅看未读',
  'alerts.filter.level': '预警等级',
  'alerts.level.all': '全部等级',
  'alerts.level.yellow': '黄牌',
  'alerts.level.red': '红牌',
  'alerts.col.level': '等级',
  'alerts.col.case': '办件',
  'alerts.col.item': '事项',
  'alerts.col.department': '部门',
  'alerts.col.task': '联办环节',
  'alerts.col.due': '期限',
  'alerts.col.raised': '预警时间',
  'alerts.col.now': '当前',
  'alerts.col.read': '阅读',
  'alerts.markRead': '标记已读',
  'alerts.readAt': '已读 {at}',
  'alerts.empty': '没有预警',
  'alerts.unreadCount': '未读 {n} 条',
  'alerts.byDept': '各部门预警',
  'alerts.byDept.col.department': '部门',
  'alerts.byDept.col.yellow': '黄牌预警',
  'alerts.byDept.col.red': '红牌预警',
  'alerts.byDept.col.unread': '未读',
  'alerts.byDept.col.open': '在办黄/红',
  'alerts.level.none': '已解除',
  'alerts.level.normal': '正常',

  'held.title': '压件监察',
  'held.subtitle': '已作出决定未办结、或已办结未送达且未通知申请人，超过 {h} 小时的办件',
  'held.col.case': '办件',
  'held.col.item': '事项',
  'held.col.department': '部门',
  'held.col.stage': '压在环节',
  'held.col.since': '起始时间',
  'held.col.hours': '已压（小时）',
  'held.col.holder': '经手人（最后一步）',
  'held.stage.decided': '已决定未办结',
  'held.stage.completed': '已办结未送达',
  'held.empty': '没有压件',
  'common.refresh': '刷新',
};

export type AlertKey = keyof typeof zhTexts;

const enTexts: Record<AlertKey, string> = {
  'nav.alerts': 'Alerts',
  'nav.heldBack': 'Held back',

  'alerts.title': 'Warning alerts',
  'alerts.subtitleReader': 'Raised when a case or a joint-case step turns yellow or red, by department',
  'alerts.subtitleApprover': 'Raised when a case or joint-case step of your department turns yellow or red: act on it soon',
  'alerts.filter.unread': 'Unread only',
  'alerts.filter.level': 'Level',
  'alerts.level.all': 'All levels',
  'alerts.level.yellow': 'Yellow',
  'alerts.level.red': 'Red',
  'alerts.col.level': 'Level',
  'alerts.col.case': 'Case',
  'alerts.col.item': 'Item',
  'alerts.col.department': 'Department',
  'alerts.col.task': 'Joint step',
  'alerts.col.due': 'Due',
  'alerts.col.raised': 'Raised',
  'alerts.col.now': 'Now',
  'alerts.col.read': 'Read',
  'alerts.markRead': 'Mark read',
  'alerts.readAt': 'Read {at}',
  'alerts.empty': 'No alerts',
  'alerts.unreadCount': '{n} unread',
  'alerts.byDept': 'Alerts by department',
  'alerts.byDept.col.department': 'Department',
  'alerts.byDept.col.yellow': 'Yellow alerts',
  'alerts.byDept.col.red': 'Red alerts',
  'alerts.byDept.col.unread': 'Unread',
  'alerts.byDept.col.open': 'Open yellow/red',
  'alerts.level.none': 'Cleared',
  'alerts.level.normal': 'Normal',

  'held.title': 'Held-back results',
  'held.subtitle': 'Decided but not completed, or completed but neither delivered nor notified, for more than {h} hours',
  'held.col.case': 'Case',
  'held.col.item': 'Item',
  'held.col.department': 'Department',
  'held.col.stage': 'Held at',
  'held.col.since': 'Since',
  'held.col.hours': 'Hours held',
  'held.col.holder': 'Holder (last step)',
  'held.stage.decided': 'Decided, not completed',
  'held.stage.completed': 'Completed, not delivered',
  'held.empty': 'Nothing held back',
  'common.refresh': 'Refresh',
};

export const alertMessages: { zh: Record<AlertKey, string>; en: Record<AlertKey, string> } = { zh: zhTexts, en: enTexts };

export const useAlertT = () => useAppT(alertMessages);

export interface AlertRow {
  id: number;
  level: 'yellow' | 'red';
  raisedAt: string;
  readAt: string | null;
  dueDate: string | null;
  caseNo: string;
  itemName: string;
  caseStatus: string;
  currentLevel: string;
  department: { code: string; name: string };
  task: { id: number; stageName: string } | null;
}

export interface AlertList {
  items: AlertRow[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

export interface AlertCounts {
  unread: number;
  departments: {
    department: { code: string; name: string };
    yellow: number; red: number; unreadYellow: number; unreadRed: number; openYellow: number; openRed: number;
  }[];
}

export interface HeldBackRow {
  caseNo: string;
  itemName: string;
  status: string;
  decision: string | null;
  stage: 'decided' | 'completed';
  since: string;
  hours: number;
  department: { code: string; name: string };
  heldBy: { name: string; role: string; action: string };
}
