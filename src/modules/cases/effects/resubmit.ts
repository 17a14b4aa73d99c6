import type { EffectOf } from './effect.js';
import { groupFiles, mergeMaterials, requireAllProvided } from './steps.js';

/** The corrected application with its new uploads goes back to pre-review. */
export const resubmit: EffectOf = ({ c, input }) => {
  const materials = mergeMaterials(c, input.materials ?? []);
  requireAllProvided(materials);
  const files = input.files ?? [];
  return { to: 'submitted', patch: { materials }, data: { files: groupFiles(files) }, files };
};
