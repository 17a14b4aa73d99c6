export type LoginKey = keyof typeof zh;

/**
 * Texts of the staff sign-in page. Chinese first; English has the same keys (checked by the type).
 * Keys not found here fall back to the shared dictionary (web/src/shared/messages.ts).
 */
export const zh = {
  'app.loginTitle': '一窗通 · 工作人员登录',
  'login.title': '工作人员登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.already': '您已登录为 {name}（{role}）',
  'login.continue': '继续进入',
  'login.switch': '切换账号',
  'login.backToPortal': '返回网上办事大厅',
  'login.change.title': '请设置您自己的密码',
  'login.change.hint': '当前密码由管理员设置。为了账号安全，请先改为只有您知道的新密码，然后才能继续使用。',
  'login.change.current': '当前密码',
  'login.change.new': '新密码',
  'login.change.newHelp': '至少 10 个字符，不能与用户名或当前密码相同',
  'login.change.confirm': '再次输入新密码',
  'login.change.mismatch': '两次输入的新密码不一致',
  'login.change.submit': '修改密码并继续',
};

export const en: Record<keyof typeof zh, string> = {
  'app.loginTitle': 'OneWindow · Staff Sign-in',
  'login.title': 'Staff sign-in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.already': 'You are signed in as {name} ({role})',
  'login.continue': 'Continue',
  'login.switch': 'Switch account',
  'login.backToPortal': 'Back to the online hall',
  'login.change.title': 'Set your own password',
  'login.change.hint': 'An administrator set your current password. Before you go on, change it to one only you know.',
  'login.change.current': 'Current password',
  'login.change.new': 'New password',
  'login.change.newHelp': 'At least 10 characters; not your username or the current password',
  'login.change.confirm': 'Repeat the new password',
  'login.change.mismatch': 'The two new passwords differ',
  'login.change.submit': 'Change password and continue',
};

export const loginMessages = { zh, en };
