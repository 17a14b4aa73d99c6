/** The three-level network (县乡村): proxy intake, the paper ledger, handbooks and reports. */
import { Type, type Static } from 'typebox';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });

export const ConfirmationBody = Type.Object({
  phone: Text(11, 11),
  itemCode: Text(40, 1),
}, { additionalProperties: false });
export type ConfirmationBody = Static<typeof ConfirmationBody>;

export const ConfirmationAnswer = Type.Object({ id: Type.Integer(), expiresIn: Type.Integer({ description: 'seconds' }) });
export type ConfirmationAnswer = Static<typeof ConfirmationAnswer>;
