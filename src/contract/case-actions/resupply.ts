import { type CaseActionSpec, deskOrApprover } from './rule.js';

/** 补正材料已收 (resupply): every required material is in; back where the case was, the clock running again. */
export const resupply: CaseActionSpec = {
  from: ['supplement'],
  to: 'back',
  allowed: deskOrApprover,
  clock: 'resumes',
  data: ['materials'],
  materials: true,
  label: 'action.resupply',
  tone: 'primary',
  order: 8,
};
