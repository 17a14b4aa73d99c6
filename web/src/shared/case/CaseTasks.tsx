/**
 * Joint approval (并联审批): the stages of a joint case, one after the other, and inside each stage
 * every department's task with its own status and deadline. `compact` is the one-line form for lists.
 */
import { Space, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import type { CaseTask } from '#contract/cases.js';
import { formatDateTime } from '../labels';
import { useCaseT } from './ClockBadge';
import type { CaseMessageKey } from './case-messages';
import { useDepartmentName } from './dept-names';
import './case.css';

const TASK_COLOR: Record<string, string> = { waiting: 'default', active: 'processing', passed: 'success', refused: 'error' };

function TaskIcon({ status }: { status: string }) {
  switch (status) {
    case 'passed':
      return <CheckCircleFilled style={{ color: '#389e0d' }} />;
    case 'refused':
      return <CloseCircleFilled style={{ color: '#cf1322' }} />;
    case 'active':
      return <ClockCircleOutlined style={{ color: '#1d5fb8' }} />;
    default:
      return <MinusCircleOutlined style={{ color: '#bfbfbf' }} />;
  }
}

export function groupStages(tasks: CaseTask[]): { stage: number; name: string; limitDays: number; tasks: CaseTask[] }[] {
  const stages = new Map<number, { stage: number; name: string; limitDays: number; tasks: CaseTask[] }>();
  for (const task of tasks) {
    const s = stages.get(task.stage) ?? { stage: task.stage, name: task.stageName, limitDays: task.limitDays, tasks: [] };
    s.tasks.push(task);
    stages.set(task.stage, s);
  }
  return [...stages.values()].sort((a, b) => a.stage - b.stage);
}

/** The stage in progress (the first with an active or refused task), else the last one. */
export function currentStage(tasks: CaseTask[]) {
  const stages = groupStages(tasks);
  return stages.find((s) => s.tasks.some((t) => t.status === 'active' || t.status === 'refused')) ?? stages.find((s) => s.tasks.some((t) => t.status === 'waiting')) ?? stages.at(-1);
}

export function CaseTasks({ tasks, myDepartment, compact }: { tasks: CaseTask[]; myDepartment?: string; compact?: boolean }) {
  const t = useCaseT();
  const deptName = useDepartmentName();
  if (!tasks.length) return null;

  if (compact) {
    const stage = currentStage(tasks);
    if (!stage) return null;
    return (
      <div data-testid="joint-progress" style={{ fontSize: 12, lineHeight: 1.6 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('tasks.stage', { n: stage.stage, name: stage.name })}
        </Typography.Text>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 10px' }}>
          {stage.tasks.map((task) => (
            <Tooltip key={task.id} title={t(`task.${task.status}` as CaseMessageKey)}>
              <span
                data-testid="joint-task"
                data-department={task.department.code}
                data-status={task.status}
                style={{ whiteSpace: 'nowrap', fontWeight: task.department.code === myDepartment ? 600 : undefined }}
              >
                <TaskIcon status={task.status} /> {deptName(task.department.code, task.department.name)}
              </span>
            </Tooltip>
          ))}
        </div>
      </div>
    );
  }

  return (
    <div data-testid="case-tasks">
      {groupStages(tasks).map((stage) => (
        <div key={stage.stage} style={{ marginBottom: 12 }} data-testid="case-stage" data-stage={stage.stage}>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap', marginBottom: 4 }}>
            <Typography.Text strong>{t('tasks.stage', { n: stage.stage, name: stage.name })}</Typography.Text>
            <Typography.Text type="secondary">{t('tasks.limit', { n: stage.limitDays })}</Typography.Text>
          </div>
          {stage.tasks.map((task) => {
            const mine = task.department.code === myDepartment;
            return (
              <div
                key={task.id}
                className={mine ? 'ow-task-mine' : undefined}
                data-testid="case-task"
                data-department={task.department.code}
                data-status={task.status}
                style={{ display: 'flex', alignItems: 'flex-start', gap: 8, padding: '4px 6px' }}
              >
                <span style={{ paddingTop: 2 }}>
                  <TaskIcon status={task.status} />
                </span>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Space size={6} wrap>
                    <span>{deptName(task.department.code, task.department.name)}</span>
                    {task.lead && <Tag color="blue">{t('tasks.lead')}</Tag>}
                    {mine && <Tag>{t('tasks.mine')}</Tag>}
                    <Tag color={TASK_COLOR[task.status] ?? 'default'}>{t(`task.${task.status}` as CaseMessageKey)}</Tag>
                  </Space>
                  <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>
                    {task.finishedAt ? t('tasks.finished', { at: formatDateTime(task.finishedAt) }) : task.dueDate ? t('tasks.due', { date: task.dueDate }) : ''}
                    {task.comment ? ` · ${task.comment}` : ''}
                  </div>
                </div>
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
